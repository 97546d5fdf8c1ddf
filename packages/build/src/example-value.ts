import type { SchemaNode } from '@promptpack/spec';

/**
 * A small value of the declared shape (required keys only) for error hints:
 * messages show an example of right, not just what was wrong. Illustrative,
 * not guaranteed valid (a `pattern` cannot be inverted).
 */
export function exampleValue(node: SchemaNode): unknown {
  switch (node.type) {
    case 'string':
      return node.enum?.[0] ?? 'text';
    case 'number':
    case 'integer':
      return node.enum?.[0] ?? node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'array':
      return [exampleValue(node.items)];
    case 'object': {
      const required = new Set(node.required ?? []);
      return Object.fromEntries(
        Object.entries(node.properties)
          .filter(([key]) => required.has(key))
          .map(([key, child]) => [key, exampleValue(child)]),
      );
    }
  }
}
