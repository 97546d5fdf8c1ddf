// The build registers no helpers of its own, so with `strict: true` any other
// helper name fails at render time; catching it here moves that to build time.

/** Helpers that take a block: `{{#if x}}…{{/if}}`. */
export const blockHelpers: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with']);

/** Helpers that return a value: `{{lookup list @index}}`, `(lookup customer "name")`. */
export const valueHelpers: ReadonlySet<string> = new Set(['lookup']);

export function isBuiltInHelper(name: string): boolean {
  return blockHelpers.has(name) || valueHelpers.has(name);
}

export const builtInHelperList = '#if, #unless, #each, #with and lookup';
