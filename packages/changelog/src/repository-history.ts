import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getPackagesSync } from '@manypkg/get-packages';
import { comparePrompts, findRepoRoot, listReleaseTags, loadPromptFromSources, loadPromptOrThrow, readPromptAtRef } from '@promptpack/core';
import { evalRecordFile, PromptpackError } from '@promptpack/spec';
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
      const snapshot = readPromptAtRef({ repoRoot, ref, promptDir: dir });
      if (snapshot === undefined) return undefined;
      const result = loadPromptFromSources({ dir, folder: path.basename(dir), sources: snapshot.sources, shared: snapshot.shared, displayDir: `${ref}:${path.relative(repoRoot, dir)}` });
      if (!result.success) {
        throw new PromptpackError('prompt/invalid', `The prompt at ${ref} has errors:`, { diagnostics: result.diagnostics });
      }
      return result.prompt;
    },
    releaseTags: (name) => listReleaseTags(repoRoot, name),
    isShallow: () => execFileSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: repoRoot, encoding: 'utf8' }).trim() === 'true',
    comparePrompts,
    readEvalRecord: (dir) => {
      const file = path.join(dir, evalRecordFile);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    readEvalRecordAtRef(ref, dir) {
      const file = path.relative(repoRoot, path.join(dir, evalRecordFile)).split(path.sep).join('/');
      try {
        return execFileSync('git', ['show', `${ref}:${file}`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return undefined;
      }
    },
    evalOverride: () => process.env.PROMPTPACK_SKIP_EVALS?.trim() || undefined,
  };
}
