/** Remembered texts by key, bounded by entry count and by total characters. */
export interface TextCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
  readonly size: number;
  /** Characters held, keys and texts together. */
  readonly characters: number;
}

/**
 * The keys and texts come from callers' variables, so 255 large values must
 * not hold a gigabyte. An entry larger than a sixteenth of the budget is not
 * remembered at all: it would evict everything else for one value.
 */
export function createTextCache(maxEntries: number, maxCharacters: number): TextCache {
  const entries = new Map<string, string>();
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
