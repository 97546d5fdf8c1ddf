import { Ajv, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ strict: false, allErrors: true });
const compiled = new WeakMap<object, ValidateFunction>();

/** Every way `value` breaks `schema`, as `/path: message` lines; empty when it fits. Compiled once per schema object. */
export function schemaErrors(schema: object, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${extra}`;
  });
}

/**
 * An inline `json-schema` value is the prompt format's schema subset, where
 * objects never accept unknown keys; plain JSON Schema needs that spelt out.
 */
export function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, child]) => [key, key === 'enum' ? child : closeObjects(child)]));
  if (copy.type === 'object' && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}
