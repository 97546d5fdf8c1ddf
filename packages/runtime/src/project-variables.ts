interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
}

/**
 * Keeps only what one version declares. Versions reject unknown variables,
 * and a call must carry what every installed version needs, so each version
 * gets its own view of the variables. Returns a function that is the
 * identity when the version declares everything the others do.
 */
export function variablesProjector(schema: unknown): (value: unknown) => unknown {
  return (value) => project(schema as JsonSchemaNode, value);
}

function project(schema: JsonSchemaNode | undefined, value: unknown): unknown {
  if (!schema || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return schema.type === 'array' ? value.map((item) => project(schema.items, item)) : value;
  if (schema.type !== 'object' || !schema.properties) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(schema.properties)) {
    if (Object.hasOwn(value, key)) result[key] = project(child, (value as Record<string, unknown>)[key]);
  }
  return result;
}

/** True when two variable schemas declare exactly the same shape (projection is then unnecessary). */
export function sameShape(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
