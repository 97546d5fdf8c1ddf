import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Io } from '../output.js';

export const diffFormats = ['text', 'markdown', 'html', 'json'] as const;
export type DiffFormat = (typeof diffFormats)[number];

/** Prints, or writes to `--out` (folders created) and says where on stderr, keeping stdout clean. */
export function writeOutput(io: Io, text: string, out: string | undefined, what: string): void {
  if (out === undefined) {
    io.out(text.replace(/\n$/, ''));
    return;
  }
  const file = path.resolve(out);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  io.err(`Wrote the ${what} to ${out}.`);
}
