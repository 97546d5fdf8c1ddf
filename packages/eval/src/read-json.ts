export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

/** The whole output as JSON, surrounding whitespace aside: promptfoo's `is-json`. */
export function readStrictJson(text: string): JsonRead {
  try {
    return { ok: true, value: JSON.parse(text.trim()) };
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
