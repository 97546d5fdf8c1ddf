// Bounded: a message quotes at most this much of anything a caller or a model supplied.
export const maxQuoted = 200;

/** The text, cut to limit characters (the last three then "..."). */
export function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/**
 * What a thrown value says, clipped. Never throws: a thrown value may be
 * anything (Handlebars throws Errors, a helper or a getter could throw
 * anything), including an object whose message getter throws.
 */
export function describeCause(cause: unknown): string {
  try {
    const message = (cause as { message?: unknown } | null | undefined)?.message;
    return clip(String(cause && message ? message : cause), maxQuoted);
  } catch {
    return 'an error that cannot be printed';
  }
}
