// Writing the flags file: a temporary file beside it, flushed, renamed over
// it. Temporary names carry the PID, a per-process counter and a random part,
// so two writers (in one process or many) never share one; a writer killed
// mid-write leaves one behind, which the next writer removes.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { isAlive } from './file-lock.js';

let counter = 0;

/** `.<name>.<pid>.<counter>-<random>.tmp` beside the file. */
function temporaryOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/** Matches only our own temporary names for this file; the PID is group 1. */
function temporaryPattern(file: string): RegExp {
  const name = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${name}\\.(\\d+)\\.[0-9a-z]+-[0-9a-z]+\\.tmp$`);
}

/** Temporary file in the same folder, flushed, renamed over the target: a reader sees the old file or the new one, never half. */
export function writeAtomically(file: string, contents: string): void {
  const temporary = writeTemporary(file, contents);
  try {
    renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    throw error;
  }
}

/** The flushed temporary file, for a caller that renames it itself (after recording the change). Removed again if writing fails. */
export function writeTemporary(file: string, contents: string): string {
  const temporary = temporaryOf(file);
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    removeQuietly(temporary);
    throw error;
  }
  closeSync(fd);
  return temporary;
}

/**
 * Removes temporary files a killed writer left beside `file`: only names of
 * our pattern, only in the file's own folder, only of PIDs no longer alive.
 * Called under the lock, so no live writer of this file is mid-write.
 */
export function removeLeftovers(file: string): string[] {
  const pattern = temporaryPattern(file);
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? Number.NaN);
    // A live PID (this process included) may be a writer of another file that happens to share the name.
    if (Number.isNaN(pid) || pid === process.pid || isAlive(pid)) continue;
    if (removeQuietly(path.join(dir, name))) removed.push(name);
  }
  return removed;
}

export function removeQuietly(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false;
  }
}
