import type { JsonSchemaObject } from '../output-source.js';

/** Whether OpenAI can enforce a schema (`strict: true`), and if not, every reason why not. */
export interface Strictness {
  readonly strict: boolean;
  /** One line per rule broken, each with the JSON Pointer of the node, e.g. `/properties/tags: minLength is not supported`. */
  readonly reasons: readonly string[];
}

// OpenAI's structured-outputs subset of JSON Schema: a keyword outside it
// makes the API answer 400 to `strict: true`, so such a schema is sent with
// `strict: false` (the model is asked, not forced, to follow it).
const supported = new Set([
  'type', 'description', 'title', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf',
  '$ref', '$defs', 'definitions',
  'pattern', 'format',
  'multipleOf', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minItems', 'maxItems',
]);
const formats = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
const maxDepth = 10;
const maxProperties = 5000;

const cache = new WeakMap<object, Strictness>();

/**
 * Checks a schema against OpenAI's strict-mode rules: the root is an object;
 * every object lists all its properties in `required` and sets
 * `additionalProperties: false`; only supported keywords and formats; at
 * most 10 levels of nesting and 5000 properties. Remembered per schema
 * object (a prompt package's schema is one frozen object), so a request pays
 * for the walk once.
 */
export function openAIStrictness(schema: JsonSchemaObject): Strictness {
  const known = cache.get(schema);
  if (known) return known;
  const reasons: string[] = [];
  if (schema.type !== 'object') reasons.push(`/: the root must be an object (type: object), not ${schema.anyOf ? 'anyOf' : JSON.stringify(schema.type)}`);
  const counter = { properties: 0 };
  walk(schema, '', 1, reasons, counter);
  if (counter.properties > maxProperties) reasons.push(`/: ${counter.properties} properties in all; at most ${maxProperties} are allowed`);
  const strictness = { strict: reasons.length === 0, reasons };
  cache.set(schema, strictness);
  return strictness;
}

function walk(node: unknown, pointer: string, depth: number, reasons: string[], counter: { properties: number }): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  const schema = node as Record<string, unknown>;
  const at = pointer || '/';
  if (depth > maxDepth) {
    reasons.push(`${at}: nested ${depth} levels deep; at most ${maxDepth} are allowed`);
    return;
  }
  for (const keyword of Object.keys(schema)) if (!supported.has(keyword)) reasons.push(`${at}: ${keyword} is not supported`);
  if (typeof schema.format === 'string' && !formats.has(schema.format)) reasons.push(`${at}: format ${JSON.stringify(schema.format)} is not supported`);
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  if (schema.type === 'object' || properties) {
    if (schema.additionalProperties !== false) reasons.push(`${at}: an object needs additionalProperties: false`);
    const required = Array.isArray(schema.required) ? schema.required : [];
    const optional = Object.keys(properties ?? {}).filter((key) => !required.includes(key));
    if (optional.length > 0) reasons.push(`${at}: every property must be required; optional: ${optional.join(', ')}`);
  }
  for (const [key, child] of Object.entries(properties ?? {})) {
    counter.properties += 1;
    walk(child, `${pointer}/properties/${escape(key)}`, depth + 1, reasons, counter);
  }
  if (schema.items !== undefined) walk(schema.items, `${pointer}/items`, depth + 1, reasons, counter);
  if (Array.isArray(schema.anyOf)) schema.anyOf.forEach((child, index) => walk(child, `${pointer}/anyOf/${index}`, depth + 1, reasons, counter));
  for (const definitions of ['$defs', 'definitions'] as const) {
    const children = schema[definitions];
    if (isRecord(children)) for (const [key, child] of Object.entries(children)) walk(child, `${pointer}/${definitions}/${escape(key)}`, 1, reasons, counter);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON Pointer escaping (RFC 6901), so a property named `a/b` cannot be read as two levels. */
function escape(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
