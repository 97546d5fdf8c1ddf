/** The 1-based line and column of a character offset in `text`. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Where `"key"` first appears in JSON text: good enough to point an editor at a top-level key; 1:1 when absent. */
export function locateJsonKey(text: string, key: string): { line: number; column: number } {
  const index = text.indexOf(`"${key}"`);
  return index < 0 ? { line: 1, column: 1 } : offsetToPosition(text, index);
}
