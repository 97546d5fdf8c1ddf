/**
 * The message zod 4's default (English) locale gives an issue, for the issues
 * a generated check reports. Written out here because the point of the
 * generated check is that render() never loads zod; the differential test
 * (test/variable-checks/emit-checks-differential.test.ts) holds the two texts together.
 */
export function issueMessage(issue: Record<string, unknown>, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${typeName(issue.expected)}, received ${typeName(parsedType(input), input)}`;
    case 'invalid_value': {
      const values = issue.values as readonly unknown[];
      if (values.length === 1) return `Invalid input: expected ${stringifyPrimitive(values[0])}`;
      return `Invalid option: expected one of ${values.map(stringifyPrimitive).join('|')}`;
    }
    case 'too_big':
      return describeSize('Too big', issue.origin as string, issue.inclusive ? '<=' : '<', issue.maximum as number);
    case 'too_small':
      return describeSize('Too small', issue.origin as string, issue.inclusive ? '>=' : '>', issue.minimum as number);
    case 'invalid_format':
      return `Invalid string: must match pattern ${issue.pattern as string}`;
    case 'unrecognized_keys': {
      const keys = issue.keys as readonly string[];
      return `Unrecognized key${keys.length > 1 ? 's' : ''}: ${keys.map(stringifyPrimitive).join(', ')}`;
    }
    default:
      return 'Invalid input';
  }
}

const sizeUnits: Record<string, string> = { string: 'characters', array: 'items' };

function describeSize(words: string, origin: string, operator: string, limit: number): string {
  const unit = Object.prototype.hasOwnProperty.call(sizeUnits, origin) ? sizeUnits[origin] : undefined;
  return unit ? `${words}: expected ${origin} to have ${operator}${limit.toString()} ${unit}` : `${words}: expected ${origin} to be ${operator}${limit.toString()}`;
}

function typeName(type: unknown, input?: unknown): string {
  if (type === 'number' && typeof input === 'number' && !Number.isFinite(input)) return String(input);
  // A template literal, as zod's: it coerces (and throws on) exactly what zod's does.
  return type === 'nan' ? 'NaN' : `${type as string}`;
}

/** zod's util.parsedType: what the message says was received. */
function parsedType(data: unknown): string {
  const type = typeof data;
  if (type === 'number') return Number.isNaN(data) ? 'nan' : 'number';
  if (type === 'object') {
    if (data === null) return 'null';
    if (Array.isArray(data)) return 'array';
    const object = data as { constructor?: { name?: unknown } };
    if (Object.getPrototypeOf(object) !== Object.prototype && 'constructor' in object && object.constructor) return object.constructor.name as string;
  }
  return type;
}

function stringifyPrimitive(value: unknown): string {
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (typeof value === 'string') return `"${value}"`;
  return `${value as string}`;
}
