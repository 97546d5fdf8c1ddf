import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getPackagesSync } from '@manypkg/get-packages';
import {
  comparePrompts,
  findRepoRoot,
  listReleaseTags,
  loadPromptFromSources,
  loadPromptOrThrow,
  PromptpackError,
  readPromptAtRef,
} from '@promptpack/core';
import type { PromptHistory } from './collect-prompt-notes.js';

/**
 * The history of the repository `cwd` is in, read from git and the disk.
 * Packages are found the way changesets finds them (@manypkg/get-packages).
 */
export function createRepositoryHistory(cwd: string = process.cwd()): PromptHistory {
  const repoRoot = findRepoRoot(cwd);
  const packages = getPackagesSync(cwd).packages;
  const dirs = new Map(packages.map((pkg) => [pkg.packageJson.name, pkg.dir]));

  return {
    packageDir: (name) => dirs.get(name),
    isPromptFolder: (dir) => existsSync(path.join(dir, 'prompt.yaml')),
    loadWorkingTree: (dir) => loadPromptOrThrow(dir),
    loadAtRef(ref, dir) {
      const sources = readPromptAtRef({ repoRoot, ref, promptDir: dir });
      if (sources === undefined) return undefined;
      const result = loadPromptFromSources({ dir, folder: path.basename(dir), sources, displayDir: `${ref}:${path.relative(repoRoot, dir)}` });
      if (!result.success) {
        throw new PromptpackError('prompt/invalid', `The prompt at ${ref} has errors:`, { diagnostics: result.diagnostics });
      }
      return result.prompt;
    },
    releaseTags: (name) => listReleaseTags(repoRoot, name),
    isShallow: () => execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: repoRoot, encoding: 'utf8' }).trim() === 'true',
    comparePrompts,
  };
}
