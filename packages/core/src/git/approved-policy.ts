import path from 'node:path';
import { sha256 } from '../hash.js';
import { optionalPromptFiles, promptFiles } from '../loaded-prompt.js';
import { inlineSharedSections } from '../shared/effective-policy.js';
import { sharedFolder } from '../shared/find-includes.js';
import { readPromptAtRef, repoPath } from './read-prompt-at-ref.js';
import { runGit } from './run-git.js';

export interface ApprovedPolicyVersion {
  /** A commit whose effective policy has the approved hash. */
  commit: string;
  /** The effective policy at that commit: the text legal approved. */
  policy: string;
  /** True when that commit is the last one that changed policy.lock, where an approval normally lands. */
  lastLockChange: boolean;
}

export type ApprovedPolicySearch =
  | { found: true; version: ApprovedPolicyVersion }
  | {
      found: false;
      /** How many commits were looked at. */
      searched: number;
      /** In a shallow clone the approved version may simply be outside the history fetched. */
      shallow: boolean;
      /** The last commit that changed policy.lock, when there is one. */
      lastLockCommit: string | undefined;
    };

/**
 * Finds the text legal approved: the effective policy whose sha256 is
 * `sha256` (the lock's). It looks first at the last commit that changed
 * policy.lock, then at every commit that changed policy.md, policy.lock or
 * a shared section, newest first: the effective policy can only change in
 * one of those, so when none matches, no committed version ever had that
 * hash (a lock edited by hand, or copied from another prompt).
 */
export function findApprovedPolicy(options: { repoRoot: string; promptDir: string; sha256: string; limit?: number }): ApprovedPolicySearch {
  const folder = repoPath(options.repoRoot, options.promptDir);
  const lockFile = `${folder}/${optionalPromptFiles.policyLock}`;
  const log = (args: string[]) => {
    const result = runGit(options.repoRoot, ['log', '--format=%H', ...args]);
    // No commits yet, or not a repository: nothing to search.
    return result.ok ? result.stdout.split('\n').filter(Boolean) : [];
  };
  const lastLockCommit = log(['-n', '1', '--', lockFile])[0];
  const sharedDir = path.posix.join(path.posix.dirname(folder), sharedFolder);
  const history = log(['-n', String(options.limit ?? 500), '--', `${folder}/${promptFiles.policy}`, lockFile, sharedDir]);
  const candidates = [...new Set([...(lastLockCommit ? [lastLockCommit] : []), ...history])];
  for (const commit of candidates) {
    const snapshot = readPromptAtRef({ repoRoot: options.repoRoot, ref: commit, promptDir: folder });
    if (snapshot?.sources.policy === undefined) continue;
    const policy = inlineSharedSections(snapshot.sources.policy, snapshot.shared);
    if (sha256(policy) === options.sha256) return { found: true, version: { commit, policy, lastLockChange: commit === lastLockCommit } };
  }
  const shallow = runGit(options.repoRoot, ['rev-parse', '--is-shallow-repository']);
  return { found: false, searched: candidates.length, shallow: shallow.ok && shallow.stdout.trim() === 'true', lastLockCommit };
}
