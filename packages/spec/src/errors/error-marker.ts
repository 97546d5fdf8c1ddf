/**
 * Registry-wide marks for error classes. `instanceof` fails across two copies
 * of a package (a service may load two promptpack versions side by side), so
 * each class marks its instances with `Symbol.for('promptpack.<kind>')`. One
 * kind per class: a subclass adds its own mark and keeps its parent's, so
 * `Parent.isInstance` accepts it and `Sibling.isInstance` does not.
 */
export interface ErrorMarker {
  /** `promptpack.<kind>`, the key passed to `Symbol.for`. */
  readonly key: string;
  /** Marks `error` as this kind. Call it in the class's constructor. */
  mark(error: Error): void;
  /** True for a value marked as this kind by any copy of the class. */
  isMarked(value: unknown): boolean;
}

export function errorMarker(kind: string): ErrorMarker {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(kind)) {
    throw new TypeError(`Error kind "${kind}" is not kebab-case; use e.g. errorMarker('runtime-error').`);
  }
  const key = `promptpack.${kind}`;
  const symbol = Symbol.for(key);
  return {
    key,
    mark(error) {
      // Not enumerable: the mark must not show up in JSON.stringify or a test's toEqual.
      Object.defineProperty(error, symbol, { value: true, enumerable: false });
    },
    isMarked(value) {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
    },
  };
}
