import type { JsonSchema, SchemaNode } from '@promptpack/spec';

/**
 * The JSON Schema a declaration means, with a fixed key order so the output is
 * byte-stable however the YAML author ordered keys. Objects always get
 * `additionalProperties: false` and a `required` list: unknown keys are
 * rejected by validation anyway, and OpenAI's structured output insists on
 * both.
 */
export function toJsonSchema(node: SchemaNode): JsonSchema {
  const schema: JsonSchema = { type: node.type };
  if (node.description !== undefined) schema.description = node.description;
  switch (node.type) {
    case 'string':
      copy(schema, node, ['enum', 'minLength', 'maxLength', 'pattern']);
      break;
    case 'number':
    case 'integer':
      copy(schema, node, ['enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
      break;
    case 'boolean':
      break;
    case 'array':
      schema.items = toJsonSchema(node.items);
      copy(schema, node, ['minItems', 'maxItems']);
      break;
    case 'object':
      schema.properties = Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, toJsonSchema(child)]));
      // Declared order, restricted to declared properties (the loader reports strays).
      schema.required = Object.keys(node.properties).filter((key) => node.required?.includes(key));
      schema.additionalProperties = false;
      break;
  }
  return schema;
}

function copy<T extends object>(target: JsonSchema, source: T, keys: ReadonlyArray<keyof T & string>): void {
  for (const key of keys) if (source[key] !== undefined) target[key] = source[key];
}
