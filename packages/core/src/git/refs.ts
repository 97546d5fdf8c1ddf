import { PromptpackError } from '@promptpack/spec';
import { runGit } from './run-git.js';

/** A commit to compare against, with the name a user gave it (for messages). */
export interface BaseRef {
  /** What the user asked for, or how the default was found (`main`, `origin/main`, `v1.2.0`). */
  ref: string;
  /** The full commit id `ref` resolved to. */
  commit: string;
}

/** The top of the git work tree containing `cwd`. */
export function findRepoRoot(cwd: string): string {
  const result = runGit(cwd, ['rev-parse', '--show-toplevel']);
  if (!result.ok) {
    throw new PromptpackError('cli/usage', `${cwd} is not inside a git repository: comparing prompts needs their history.`, {
      hint: 'Run the command from a clone of the repository (git clone ..., or git init and commit the prompts).',
    });
  }
  return result.stdout.trim();
}

/**
 * The commit `ref` names. Throws a usage error naming the ref when it does
 * not exist, with the usual reasons in the hint (a branch not fetched, a
 * shallow clone, a typo).
 */
export function resolveRef(repoRoot: string, ref: string): string {
  // A ref starting with a dash would be read by git as an option.
  const result = ref.startsWith('-') ? undefined : runGit(repoRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!result?.ok) {
    throw new PromptpackError('git/ref-not-found', `Unknown git ref "${ref}": no branch, tag or commit by that name in ${repoRoot}.`, {
      hint: `Check the spelling (git branch -a, git tag --list), fetch it (git fetch origin ${ref}), or pass another ref, e.g. --base main or --base HEAD~1.`,
    });
  }
  return result.stdout.trim();
}

/** The best common ancestor of two refs: what a pull request from `b` into `a` is compared with. */
export function mergeBase(repoRoot: string, a: string, b: string): string {
  const left = resolveRef(repoRoot, a);
  const right = resolveRef(repoRoot, b);
  const result = runGit(repoRoot, ['merge-base', left, right]);
  if (!result.ok) {
    throw new PromptpackError('git/ref-not-found', `${a} and ${b} have no common history, so there is no merge base to compare with.`, {
      hint: 'In a shallow clone, fetch the full history (git fetch --unshallow, or actions/checkout with fetch-depth: 0); otherwise pass --base <ref>.',
    });
  }
  return result.stdout.trim();
}

/**
 * The merge base of HEAD with `main` (a local branch, else `origin/main` as
 * CI checkouts have it): the commit a pull request's changes start from.
 */
export function defaultBase(repoRoot: string): BaseRef {
  for (const branch of ['main', 'origin/main']) {
    const found = runGit(repoRoot, ['rev-parse', '--verify', '--quiet', `refs/${branch === 'main' ? 'heads' : 'remotes'}/${branch}`]);
    if (found.ok) return { ref: branch, commit: mergeBase(repoRoot, 'HEAD', branch) };
  }
  throw new PromptpackError('git/ref-not-found', 'Cannot find the base to compare with: this repository has neither a main branch nor origin/main.', {
    hint: 'Fetch it (git fetch origin main:main), or name the base explicitly, e.g. --base origin/develop or --base HEAD~1.',
  });
}
