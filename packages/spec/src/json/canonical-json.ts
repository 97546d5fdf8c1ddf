/**
 * JSON with object keys sorted at every level and `undefined` members left
 * out, so a hash of structured data does not change when a YAML author
 * reorders keys. The one definition: contentHash, policy and request hashes
 * all hash this text (hashing itself is in @promptpack/core, with node:crypto).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, member]) => [key, sortKeys(member)]));
  }
  return value;
}
