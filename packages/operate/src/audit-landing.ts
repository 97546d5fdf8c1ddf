// Whether the change of each audit line took effect. The line is flushed
// before the rename that applies its change (so a change never lands
// without its record), which leaves one gap: a writer killed between the
// two leaves a line for a change that never landed. Each line names the
// flags file it started from and the one it wrote; the state that followed
// it (the next line's start, or the file as it is now) says which it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ChangeRecord } from '@promptpack/spec/plain';

/** `sha256:<hex>` of the flags file's bytes; null when there is no file. */
export function flagsFileHash(file: string): string | null {
  try {
    return textHash(readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function textHash(contents: string | Buffer): string {
  return `sha256:${createHash('sha256').update(contents).digest('hex')}`;
}

type Hashes = { before: string | null; after: string };

function hashesOf(record: ChangeRecord | undefined): Hashes | undefined {
  const hashes = record?.fileHashes as unknown;
  if (hashes === null || typeof hashes !== 'object') return undefined;
  const { before, after } = hashes as Record<string, unknown>;
  if (typeof after !== 'string' || (before !== null && typeof before !== 'string')) return undefined;
  return { before, after };
}

/**
 * Per line, in order: true when the state after it is the file it wrote,
 * false when that state is still the file it started from (its change never
 * landed), undefined when neither (a hand edit came between, or the line
 * predates the hashes) — unknown, so nobody is told a change failed that
 * may have landed.
 */
export function landedChanges(records: ReadonlyArray<ChangeRecord | undefined>, current: string | null): Array<boolean | undefined> {
  return records.map((record, index) => {
    const hashes = hashesOf(record);
    if (!hashes) return undefined;
    const following = records.slice(index + 1).find((next) => hashesOf(next) !== undefined);
    const next = following ? hashesOf(following)!.before : current;
    if (next === hashes.after) return true;
    if (next === hashes.before) return false;
    return undefined;
  });
}
