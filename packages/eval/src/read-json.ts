export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The whole output as JSON: promptfoo's `is-json`, which is `JSON.parse`. Only
 * JSON's own whitespace (space, tab, CR, LF) may surround it; a no-break space
 * or a byte-order mark makes it not JSON, as it does for any JSON reader.
 */
export function readStrictJson(text: string): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const fence = /^```[A-Za-z]*\s*\n([\s\S]*?)\n?```$/;

/** JSON as the prompt's own parser reads it: bare, or alone in a ```json fence. */
export function readJson(text: string): JsonRead {
  const trimmed = text.trim();
  const fenced = fence.exec(trimmed);
  return readStrictJson(fenced ? (fenced[1] ?? '') : trimmed);
}
