// Whether one output stream takes ANSI colours. Decided per stream, so
// `promptpack diff > file` on a terminal writes plain text into the file
// while its warnings on stderr stay coloured. node:util's styleText only
// takes a `stream` from Node 22, and this package supports Node 20.10, so the
// rules are owned here: the ones of Node's own tty `hasColors`, plus
// no-color.org's "an empty NO_COLOR does not count".

/** The part of a stream the decision reads: a TTY flag and, on a TTY, Node's `hasColors`. */
export interface ColorStream {
  isTTY?: boolean;
  hasColors?: (count?: number, env?: NodeJS.ProcessEnv) => boolean;
}

/**
 * FORCE_COLOR wins when set (as in Node: `0` or `false` turns colours off,
 * `1`-`3`, `true` or empty turn them on, even into a pipe); otherwise a
 * non-empty NO_COLOR turns them off; otherwise only a TTY that reports at
 * least 16 colours gets them (`TERM=dumb` does not).
 */
export function streamHasColors(stream: ColorStream, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env.NO_COLOR) return false;
  if (!stream.isTTY) return false;
  // Node's hasColors also reads NO_COLOR, counting an empty one; it was handled above.
  const { NO_COLOR: _ignored, ...rest } = env;
  return stream.hasColors?.(16, rest) ?? true;
}
