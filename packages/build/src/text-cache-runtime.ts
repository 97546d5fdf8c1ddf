/**
 * Generated-module code (plain JS, like module-runtime.ts) for a map of
 * remembered texts bounded by entry count and by total characters: the keys
 * and texts come from callers' variables, and 255 large values must not
 * hold a gigabyte. An entry too large for a sixteenth of the budget is not
 * remembered at all (it would evict everything else for one value).
 */
export const textCacheRuntime = String.raw`function createTextCache(maxEntries, maxCharacters) {
  const entries = new Map();
  let characters = 0;
  return {
    get(key) {
      return entries.get(key);
    },
    set(key, text) {
      const size = key.length + text.length;
      if (size > maxCharacters / 16) return;
      // Clearing all is cheaper than tracking use, and a service's few distinct values refill it at once.
      if (entries.size >= maxEntries || characters + size > maxCharacters) {
        entries.clear();
        characters = 0;
      }
      entries.set(key, text);
      characters += size;
    },
    get size() {
      return entries.size;
    },
    get characters() {
      return characters;
    },
  };
}
`;
