import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PromptpackError } from '@promptpack/spec';

/**
 * The prompt folders a command works on: the ones named, or every folder in
 * the nearest `prompts/` directory. Folders starting with `_` or `.` hold
 * shared material, not prompts.
 */
export function findPromptDirs(args: readonly string[], cwd = process.cwd()): string[] {
  if (args.length > 0) {
    return args.map((arg) => {
      const dir = path.resolve(cwd, arg);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new PromptpackError('prompt/not-found', `No prompt folder at ${arg}.`, {
          hint: 'Pass the path of a folder under prompts/, e.g. prompts/support-reply, or no path to use every prompt.',
        });
      }
      return dir;
    });
  }
  const root = findPromptsRoot(cwd);
  if (!root) {
    throw new PromptpackError('prompt/not-found', `No prompts/ directory in ${cwd} or any parent.`, {
      hint: 'Run from a promptpack repository, or name the prompt folders to use.',
    });
  }
  return readdirSync(root, { withFileTypes: true })
    // A linked folder is listed so that loading it reports the link (file/symlink) instead of skipping it silently.
    .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !/^[_.]/.test(entry.name))
    .map((entry) => path.join(root, entry.name))
    .sort();
}

export function findPromptsRoot(cwd = process.cwd()): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prompts');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
