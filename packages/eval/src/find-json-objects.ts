// Enough for any answer a model writes; a hostile one made of braces must not
// cost quadratic time.
const maxCandidates = 1_000;

/**
 * Every JSON object embedded in `text`, in order: promptfoo's `contains-json`
 * reading, which tries each `{` and keeps what parses, skipping past a found
 * object. Unlike promptfoo (a YAML reader, with `//` comments and missing
 * closing braces forgiven) only text JSON itself accepts counts.
 */
export function findJsonObjects(text: string): unknown[] {
  const found: unknown[] = [];
  let candidates = 0;
  for (let start = text.indexOf('{'); start >= 0 && candidates < maxCandidates; candidates += 1) {
    const end = closingBrace(text, start);
    if (end > 0) {
      try {
        found.push(JSON.parse(text.slice(start, end)));
        start = text.indexOf('{', end);
        continue;
      } catch {
        // Not JSON from this brace; an inner one may be.
      }
    }
    start = text.indexOf('{', start + 1);
  }
  return found;
}

/** The index just past the brace that closes the one at `start`, strings respected; -1 when none does. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}
