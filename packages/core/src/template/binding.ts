import type { SchemaNode } from '@promptpack/spec';

/** Something an expression can evaluate to: a schema node, and the declared path it was read from, if any. */
export interface Binding {
  node: SchemaNode;
  /** Declared path in `usedPaths` notation, '' for the variables object itself; absent for values such as `@index`. */
  path?: string;
  /**
   * Which value this is, for knowing what a guard such as {{#if x}} makes
   * present: the declared path with every list item told apart
   * ('orders[#1].note' for the item of one {{#each}}, 'orders[0].note' for
   * `orders.[0].note`), since guarding one item's property says nothing
   * about another item's. Absent for values without a declared path.
   */
  key?: string;
}

/**
 * The bindings an expression may evaluate to (several when iterating an
 * object whose properties differ, or after a `lookup` with a computed key),
 * or 'unknown' inside constructs the analysis cannot follow, such as an
 * unknown helper's block: checking there would only add noise to the one
 * real error.
 */
export type Value = readonly Binding[] | 'unknown';

export function describeNode(node: SchemaNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'integer':
    case 'number':
      return 'a number';
    default:
      return `a ${node.type}`;
  }
}
