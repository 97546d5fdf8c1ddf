import { lowerBound, upperBound, type ArrayNode, type Bound, type NumberNode, type ObjectNode, type PartChange, type SchemaNode, type StringNode } from '@promptpack/spec';

/**
 * Which way values flow through a schema decides whether a change breaks
 * anyone.
 *
 * - `input` (variables): callers send values in. Narrowing the schema (fewer
 *   values accepted) rejects calls that worked: major. Widening it only
 *   accepts more: minor.
 * - `output`: the model's answer flows out to a consumer's parser and code.
 *   Widening (the output may now hold a value it never held: a new enum value,
 *   a looser bound, a field that may be absent, a field gone) breaks code
 *   written against the old shape: major. Narrowing (fewer possible outputs:
 *   an enum value dropped, a tighter bound, a field now always present, a
 *   new field) is still parsed by that code, so it is minor, not patch,
 *   because the answers change.
 *
 * A new output field, optional or required, counts as narrowing: consumers
 * parse with the version's own `parseOutput` and read the fields they know,
 * so an extra one is ignored. A removed input field is major even when it
 * was optional, because objects reject unknown keys: callers still sending
 * it fail validation.
 *
 * - `arguments` (a tool's parameters): the model sends arguments in, to the
 *   service's tool code and to `parseToolCall`. Judged like `input`: a call
 *   that was valid must stay valid, and the service's code sees every new
 *   required argument.
 */
export type SchemaDirection = 'input' | 'output' | 'arguments';

type Change = Omit<PartChange, 'part'>;

interface Context {
  direction: SchemaDirection;
  changes: Change[];
}

/** Compares two schemas of one part; paths use dots and `[]` for items (`orders[].id`), as everywhere else. */
export function compareSchema(before: SchemaNode, after: SchemaNode, direction: SchemaDirection): Change[] {
  const context: Context = { direction, changes: [] };
  compareNode(context, before, after, '');
  return context.changes;
}

function compareNode(context: Context, before: SchemaNode, after: SchemaNode, path: string): void {
  if (before.description !== after.description) {
    // A parameter's description is model-facing text, like the policy: it changes which calls the model makes.
    add(context, context.direction === 'arguments' ? 'minor' : 'patch', path, `description of ${subject(context, path)} ${before.description === undefined ? 'added' : after.description === undefined ? 'removed' : 'changed'}`);
  }
  if (before.type !== after.type) {
    const numeric = isNumeric(before) && isNumeric(after);
    if (numeric && sameAcceptedNumbers(before, after)) {
      // integer enum [1, 2] retyped as number enum [1, 2]: the same values, the same answers.
      add(context, 'patch', path, `type of ${subject(context, path)} changed from ${before.type} to ${after.type}, accepting the same values`);
      return;
    }
    if (!numeric) {
      add(context, 'major', path, `type of ${subject(context, path)} changed from ${before.type} to ${after.type}`);
      return;
    }
    // Every integer is a number, so integer -> number accepts more values.
    add(context, after.type === 'number' ? widened(context) : narrowed(context), path, `type of ${subject(context, path)} changed from ${before.type} to ${after.type}`);
  }
  switch (after.type) {
    case 'string': {
      const old = before as StringNode;
      compareEnum(context, old.enum, after.enum, path);
      compareCount(context, 'minLength', old.minLength, after.minLength, path);
      compareBound(context, 'maxLength', 'upper', old.maxLength, after.maxLength, path);
      comparePattern(context, old.pattern, after.pattern, path);
      return;
    }
    case 'number':
    case 'integer': {
      const old = before as NumberNode;
      compareEnum(context, old.enum, after.enum, path);
      // Equivalent rewrites (minimum: 1 -> exclusiveMinimum: 0 on an integer) accept the same numbers: compare what is accepted.
      if (sameBound(lowerBound(old), lowerBound(after))) {
        if (old.minimum !== after.minimum || old.exclusiveMinimum !== after.exclusiveMinimum) add(context, 'patch', path, `lower bound of ${subject(context, path)} rewritten, accepting the same values`);
      } else {
        compareBound(context, 'minimum', 'lower', old.minimum, after.minimum, path);
        compareBound(context, 'exclusiveMinimum', 'lower', old.exclusiveMinimum, after.exclusiveMinimum, path);
      }
      if (sameBound(upperBound(old), upperBound(after))) {
        if (old.maximum !== after.maximum || old.exclusiveMaximum !== after.exclusiveMaximum) add(context, 'patch', path, `upper bound of ${subject(context, path)} rewritten, accepting the same values`);
      } else {
        compareBound(context, 'maximum', 'upper', old.maximum, after.maximum, path);
        compareBound(context, 'exclusiveMaximum', 'upper', old.exclusiveMaximum, after.exclusiveMaximum, path);
      }
      return;
    }
    case 'array': {
      const old = before as ArrayNode;
      compareCount(context, 'minItems', old.minItems, after.minItems, path);
      compareBound(context, 'maxItems', 'upper', old.maxItems, after.maxItems, path);
      compareNode(context, old.items, after.items, `${path}[]`);
      return;
    }
    case 'object':
      compareObject(context, before as ObjectNode, after, path);
      return;
    case 'boolean':
      return;
  }
}

function compareObject(context: Context, before: ObjectNode, after: ObjectNode, path: string): void {
  // The output JSON Schema and a tool's parameters reach the model in declared order, and models tend to answer in it.
  if (context.direction !== 'input') {
    const kept = Object.keys(after.properties).filter((name) => Object.hasOwn(before.properties, name));
    const wasKept = Object.keys(before.properties).filter((name) => Object.hasOwn(after.properties, name));
    if (kept.join() !== wasKept.join()) add(context, 'patch', path, `properties of ${subject(context, path)} reordered (${kept.join(', ')})`);
  }
  const wasRequired = new Set(before.required ?? []);
  const isRequired = new Set(after.required ?? []);
  const names = [...new Set([...Object.keys(before.properties), ...Object.keys(after.properties)])].sort();
  for (const name of names) {
    const childPath = path ? `${path}.${name}` : name;
    // Own keys only: `constructor` or `toString` would otherwise find Object.prototype's members.
    const old = Object.hasOwn(before.properties, name) ? before.properties[name] : undefined;
    const now = Object.hasOwn(after.properties, name) ? after.properties[name] : undefined;
    if (old && !now) {
      add(context, 'major', childPath, `${entity(context, childPath)} removed`);
    } else if (!old && now) {
      const required = isRequired.has(name);
      const bump = context.direction !== 'output' && required ? 'major' : 'minor';
      add(context, bump, childPath, `${entity(context, childPath)} added, ${required ? 'required' : 'optional'}`);
    } else if (old && now) {
      if (wasRequired.has(name) !== isRequired.has(name)) {
        const nowRequired = isRequired.has(name);
        add(context, nowRequired ? narrowed(context) : widened(context), childPath, `${entity(context, childPath)} now ${nowRequired ? 'required' : 'optional'} (was ${nowRequired ? 'optional' : 'required'})`);
      }
      compareNode(context, old, now, childPath);
    }
  }
}

function compareEnum(context: Context, before: ReadonlyArray<string | number> | undefined, after: ReadonlyArray<string | number> | undefined, path: string): void {
  if (!before && !after) return;
  if (!before && after) {
    add(context, narrowed(context), path, `${subject(context, path)} restricted to enum values ${after.map(show).join(', ')}`);
    return;
  }
  if (before && !after) {
    add(context, widened(context), path, `enum restriction removed from ${subject(context, path)} (was ${before.map(show).join(', ')})`);
    return;
  }
  const common = (after ?? []).filter((value) => before?.includes(value));
  const wasCommon = (before ?? []).filter((value) => after?.includes(value));
  // Order is what the model sees in the JSON Schema and what the generated union lists: a patch, never nothing.
  if (common.join('\u0000') !== wasCommon.join('\u0000')) add(context, 'patch', path, `enum values of ${subject(context, path)} reordered (${common.map(show).join(', ')})`);
  for (const value of before ?? []) {
    if (!after?.includes(value)) add(context, narrowed(context), path, `enum value ${show(value)} removed from ${subject(context, path)}`);
  }
  for (const value of after ?? []) {
    if (!before?.includes(value)) add(context, widened(context), path, `enum value ${show(value)} added to ${subject(context, path)}`);
  }
}

function compareBound(context: Context, keyword: string, side: 'lower' | 'upper', before: number | undefined, after: number | undefined, path: string): void {
  if (before === after) return;
  const where = `${keyword} of ${subject(context, path)}`;
  // A lower bound going up, or an upper bound going down or appearing, lets fewer values through.
  if (before === undefined) {
    add(context, narrowed(context), path, `${where} added: ${after}`);
  } else if (after === undefined) {
    add(context, widened(context), path, `${where} removed (was ${before})`);
  } else {
    const raised = after > before;
    const narrower = side === 'lower' ? raised : !raised;
    add(context, narrower ? narrowed(context) : widened(context), path, `${where} ${raised ? 'raised' : 'lowered'} from ${before} to ${after}`);
  }
}

/** minLength / minItems: absent means 0, so adding `minItems: 0` changes nothing anyone can observe but the schema text. */
function compareCount(context: Context, keyword: string, before: number | undefined, after: number | undefined, path: string): void {
  if (before !== after && (before ?? 0) === (after ?? 0)) {
    add(context, 'patch', path, `${keyword} of ${subject(context, path)} ${after === undefined ? 'removed' : 'added'}: ${after ?? before}, the default`);
    return;
  }
  compareBound(context, keyword, 'lower', before, after, path);
}

function sameBound(a: Bound | undefined, b: Bound | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.value === b.value && a.inclusive === b.inclusive);
}

/** Two numeric nodes whose enums hold the same values, each valid for both types: the type keyword changes nothing. */
function sameAcceptedNumbers(before: NumberNode, after: NumberNode): boolean {
  if (!before.enum || !after.enum) return false;
  const values = new Set(before.enum);
  return values.size === new Set(after.enum).size && after.enum.every((value) => values.has(value)) && after.enum.every(Number.isInteger);
}

function comparePattern(context: Context, before: string | undefined, after: string | undefined, path: string): void {
  if (before === after) return;
  const where = `pattern of ${subject(context, path)}`;
  if (before === undefined) add(context, narrowed(context), path, `${where} added: ${show(after ?? '')}`);
  else if (after === undefined) add(context, widened(context), path, `${where} removed (was ${show(before)})`);
  // Whether one regular expression accepts a subset of another's strings is
  // not decidable in general, so a changed pattern counts as both narrowing
  // and widening: major either way.
  else add(context, 'major', path, `${where} changed from ${show(before)} to ${show(after)}`);
}

function narrowed(context: Context): 'major' | 'minor' {
  return context.direction === 'output' ? 'minor' : 'major';
}

function widened(context: Context): 'major' | 'minor' {
  return context.direction === 'output' ? 'major' : 'minor';
}

function add(context: Context, bump: Change['bump'], path: string, summary: string): void {
  context.changes.push(path ? { bump, summary, path } : { bump, summary });
}

/** How a position reads inside a sentence: `ticket.priority`, `output.decision`. */
function subject(context: Context, path: string): string {
  if (context.direction === 'input') return path || 'variables';
  if (context.direction === 'arguments') return path || 'parameters';
  return path.startsWith('[') ? `output${path}` : path ? `output.${path}` : 'output';
}

/** How a property reads as the subject of "added"/"removed": `variable "ticket.priority"`. */
function entity(context: Context, path: string): string {
  if (context.direction === 'arguments') return `parameter "${path}"`;
  return context.direction === 'input' ? `variable "${path}"` : `output field "${path}"`;
}

function isNumeric(node: SchemaNode): node is NumberNode {
  return node.type === 'number' || node.type === 'integer';
}

function show(value: string | number): string {
  return JSON.stringify(value);
}
