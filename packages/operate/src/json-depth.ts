// A bound on how deeply a JSON text nests, checked before parsing: the
// validators walk parsed values recursively, and a 20k-deep file would end in
// a RangeError stack instead of an error that says where.

/** Where the text first nests deeper than `limit`, as 1-based line and column; undefined when it does not. */
export function tooDeepAt(text: string, limit: number): { line: number; column: number } | undefined {
  let depth = 0;
  let inString = false;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '\n') {
      line++;
      lineStart = index + 1;
    } else if (char === '{' || char === '[') {
      if (++depth > limit) return { line, column: index - lineStart + 1 };
    } else if (char === '}' || char === ']') depth--;
  }
  return undefined;
}
