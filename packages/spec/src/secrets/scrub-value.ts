/**
 * A copy of a JSON-like value (an eval result, a record) with `scrub`
 * applied to every string in it, keys included. Scrubbing the data, not
 * the rendered text, is what keeps every rendering clean: an HTML report
 * escapes `"` and `&`, so a token containing them no longer matches its
 * raw form once rendered.
 */
export function scrubValue<T>(value: T, scrub: (text: string) => string): T {
  return walk(value, scrub) as T;
}

function walk(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, scrub));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  // defineProperty: a key named `__proto__` (JSON.parse makes it an own key) stays a key, not a prototype.
  for (const [key, item] of Object.entries(value)) Object.defineProperty(copy, scrub(key), { value: walk(item, scrub), enumerable: true, writable: true, configurable: true });
  return copy;
}
