import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScaffoldFile } from './scaffold-file.js';
import { ScaffoldError } from './scaffold-error.js';

/**
 * Writes `files` into a new folder `target`, all or nothing: into a temporary
 * folder beside it first (same file system, so the final rename is atomic),
 * which becomes `target` only once every file is written. Refuses a target
 * that exists and is not empty, and lists what is there.
 */
export function writeNewFolder(target: string, files: readonly ScaffoldFile[]): void {
  const resolved = path.resolve(target);
  const existing = existsSync(resolved) ? readdirSync(resolved) : [];
  if (existing.length > 0) {
    throw new ScaffoldError('scaffold/conflict', `${target} is not empty; nothing was written. It holds:\n${listed(existing.sort())}`, {
      hint: 'Choose a new folder name, or run `promptpack init` inside an existing repository to add promptpack to it.',
    });
  }
  mkdirSync(path.dirname(resolved), { recursive: true });
  const staging = path.join(path.dirname(resolved), `.${path.basename(resolved)}.create-promptpack-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    writeFiles(staging, files);
    // rename(2) cannot replace a directory on every platform, even an empty one.
    if (existsSync(resolved)) rmdirSync(resolved);
    renameSync(staging, resolved);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Adds `files` to an existing folder and never overwrites: when any of them
 * exists, nothing is written and every conflict is listed. Returns the paths written.
 */
export function writeIntoFolder(root: string, files: readonly ScaffoldFile[]): string[] {
  const conflicts = files.map((file) => file.path).filter((file) => existsSync(path.join(root, file)));
  if (conflicts.length > 0) {
    throw new ScaffoldError('scaffold/conflict', `${conflicts.length} of the files to add already exist in ${root}; nothing was written:\n${listed(conflicts)}`, {
      hint: 'Move them aside (or merge them by hand afterwards) and run it again; promptpack never overwrites a file.',
    });
  }
  const written: string[] = [];
  try {
    for (const file of files) {
      writeOne(root, file);
      written.push(file.path);
    }
  } catch (error) {
    // Leave the folder as it was: remove what this call added before the failure.
    for (const file of written) rmSync(path.join(root, file), { force: true });
    throw error;
  }
  return written;
}

function writeFiles(root: string, files: readonly ScaffoldFile[]): void {
  for (const file of files) writeOne(root, file);
}

function writeOne(root: string, file: ScaffoldFile): void {
  const target = path.join(root, file.path);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.contents, { flag: 'wx' });
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 20).map((entry) => `  ${entry}`);
  if (paths.length > shown.length) shown.push(`  … and ${paths.length - shown.length} more`);
  return shown.join('\n');
}
