import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { refuseLinkedPath } from './linked-path.js';

/**
 * Deletes files under `dist/` that this build did not produce (a renamed
 * output, a stray editor file), so a publish never ships something stale.
 * Only `dist/` is touched: it belongs to the build, nothing else does, and a
 * `dist` that is a symbolic link is refused rather than followed.
 */
export function removeStale(promptDir: string, produced: readonly string[], options: { dryRun?: boolean } = {}): string[] {
  const dist = path.join(promptDir, 'dist');
  // readdir follows a linked dist: every file in the folder it points at would be deleted.
  refuseLinkedPath(promptDir, 'dist');
  const keep = new Set(produced.map((file) => path.normalize(file)));
  let entries: string[];
  try {
    entries = readdirSync(dist, { recursive: true, withFileTypes: true })
      // A link inside dist is removed as a link (rm never follows it); a recursive readdir does not enter linked folders.
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.relative(promptDir, path.join(entry.parentPath, entry.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const stale = entries.filter((file) => !keep.has(path.normalize(file))).sort();
  if (!options.dryRun) for (const file of stale) rmSync(path.join(promptDir, file));
  return stale;
}
