// Declared paths use dots for properties and `[]` for array items
// ('orders[].id'), so one notation covers every position in the data.

export function propertyPath(parent: string | undefined, name: string): string | undefined {
  if (parent === undefined) return undefined;
  return parent === '' ? name : `${parent}.${name}`;
}

export function itemPath(parent: string | undefined): string | undefined {
  return parent === undefined || parent === '' ? undefined : `${parent}[]`;
}

/** 'orders[].id' -> ['orders', 'orders[]', 'orders[].id']: using a value uses every value that leads to it. */
export function withPrefixes(path: string): string[] {
  const paths: string[] = [];
  for (let index = 1; index < path.length; index++) {
    if (path[index] === '.' || path[index] === '[') paths.push(path.slice(0, index));
  }
  paths.push(path);
  return paths;
}
