import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CompiledFile } from './compile-prompt.js';
import { refuseLinkedPath } from './linked-path.js';

export interface WriteFilesResult {
  /** Paths (as given) whose contents changed and were written. */
  written: string[];
  /** Paths whose file already held exactly these contents. */
  unchanged: string[];
}

/**
 * Writes compiled files under `rootDir`, the build's one effect. A file whose
 * contents are already right is left alone (mtimes stay, watchers stay quiet);
 * a changed one is written to a temporary sibling and renamed over the old,
 * so a reader never sees half a file. A path through a symbolic link (a
 * committed `dist` linking elsewhere) is refused before anything is read or
 * written. With `dryRun`, nothing is written and `written` lists what would be.
 */
export function writeFiles(rootDir: string, files: readonly CompiledFile[], options: { dryRun?: boolean } = {}): WriteFilesResult {
  const result: WriteFilesResult = { written: [], unchanged: [] };
  const root = path.resolve(rootDir);
  for (const file of files) {
    const target = path.resolve(root, file.path);
    const relative = path.relative(root, target);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new Error(`Refusing to write ${JSON.stringify(file.path)}: compiled paths must stay inside ${root}.`);
    }
    refuseLinkedPath(root, relative);
    if (readIfExists(target) === file.contents) {
      result.unchanged.push(file.path);
      continue;
    }
    result.written.push(file.path);
    if (options.dryRun) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, file.contents, 'utf8');
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
  return result;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
