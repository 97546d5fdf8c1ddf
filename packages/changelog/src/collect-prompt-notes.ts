import { policyHash as effectivePolicyHash, promptContentHash, releaseBase, type LoadedPrompt, type PromptImpact, type ReleaseTag } from '@promptpack/core';
import { type EvalNotes, readEvalRecord } from './eval-notes.js';
import type { PromptNotes } from './release-notes.js';

/**
 * Everything the changelog needs from the outside world, as a narrow
 * interface: the default one reads git and the disk (`createRepositoryHistory`);
 * tests pass their own.
 */
export interface PromptHistory {
  /** Folder of a workspace package; undefined when the name is not in the workspace. */
  packageDir(name: string): string | undefined;
  /** True when the folder holds a prompt (a `prompt.yaml`), false for tooling packages. */
  isPromptFolder(dir: string): boolean;
  /** The prompt as it is in the working tree (the version about to be released). */
  loadWorkingTree(dir: string): LoadedPrompt;
  /** The prompt as it was at a git ref; undefined when the folder did not exist there. Throws when it cannot be read. */
  loadAtRef(ref: string, dir: string): LoadedPrompt | undefined;
  /** The package's release tags (`<name>@<version>`), any order. */
  releaseTags(name: string): ReleaseTag[];
  /** True in a shallow clone, where release tags and history may be missing. */
  isShallow(): boolean;
  comparePrompts(before: LoadedPrompt | undefined, after: LoadedPrompt): PromptImpact;
  /** Text of the folder's eval-result.json in the working tree, undefined when absent. Without this method the entry has no eval line. */
  readEvalRecord?(dir: string): string | undefined;
  /** Text of the folder's eval-result.json at a git ref, undefined when absent. */
  readEvalRecordAtRef?(ref: string, dir: string): string | undefined;
  /** The reason given to skip the eval gate for this release (PROMPTPACK_SKIP_EVALS), if any. */
  evalOverride?(): string | undefined;
}

export class ChangelogError extends Error {
  constructor(message: string, hint: string) {
    super(`${message}\nhint: ${hint}`);
    this.name = 'ChangelogError';
  }
}

/**
 * Gathers the notes for one package: undefined for a tooling package (no
 * prompt.yaml), otherwise the impact of the working tree against the
 * previous release's tag and the new policy hash.
 */
export function collectPromptNotes(name: string, history: PromptHistory): PromptNotes | undefined {
  const dir = history.packageDir(name);
  if (dir === undefined || !history.isPromptFolder(dir)) return undefined;
  const after = history.loadWorkingTree(dir);
  // The effective policy's hash (shared sections inlined), as the manifest and policy.lock carry it.
  const policyHash = effectivePolicyHash(after);
  const tags = history.releaseTags(name);
  // The version on disk is still the old one: changesets asks for changelog
  // lines before it writes the new version into package.json. Its tag is the
  // base; when that tag is missing (a release that failed before tagging),
  // the last version that was tagged.
  const base = releaseBase(tags, after.packageJson.version);

  const evals = (base: { tag: string; version: string } | undefined) => collectEvalNotes(history, dir, after, base);

  if (base === undefined) {
    if (tags.length === 0 && history.isShallow()) {
      throw new ChangelogError(
        `No release tag of ${name} in this shallow clone, so the changelog cannot tell what changed since the last release.`,
        'Fetch full history and tags (actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow --tags`), then run `changeset version` again.',
      );
    }
    return { name, previousVersion: undefined, impact: history.comparePrompts(undefined, after), policyHash, ...evals(undefined) };
  }

  const { tag, version: previousVersion } = base;
  try {
    const before = history.loadAtRef(tag, dir);
    return { name, previousVersion, impact: history.comparePrompts(before, after), policyHash, ...evals(base) };
  } catch (error) {
    // An old release the current loader cannot read must not block a release;
    // the entry says so instead of listing parts.
    const reason = (error as Error).message.split('\n')[0];
    return { name, previousVersion, impact: undefined, comparisonError: `cannot read the prompt at tag \`${tag}\`: ${reason}`, policyHash, ...evals(base) };
  }
}

/**
 * The eval line: the working tree's record when it was made for this
 * content and passed, with the previous release's record as the baseline;
 * "not run" otherwise (with the override reason when one is given).
 */
function collectEvalNotes(history: PromptHistory, dir: string, after: LoadedPrompt, base: { tag: string; version: string } | undefined): { evals?: EvalNotes } {
  if (!history.readEvalRecord) return {};
  const read = readEvalRecord(history.readEvalRecord(dir));
  const override = history.evalOverride?.();
  if (!read) return { evals: { kind: 'not-run', why: 'missing', override } };
  if ('problem' in read) return { evals: { kind: 'not-run', why: 'invalid', problem: read.problem, override } };
  const { record } = read;
  if (record.prompt.contentHash !== promptContentHash(after)) return { evals: { kind: 'not-run', why: 'other-content', recordVersion: record.prompt.version, override } };
  if (!record.gate.passed) return { evals: { kind: 'not-run', why: 'gate-failed', override } };
  let baseline: { version: string; record: typeof record } | undefined;
  if (base && history.readEvalRecordAtRef) {
    try {
      const before = readEvalRecord(history.readEvalRecordAtRef(base.tag, dir));
      if (before && 'record' in before) baseline = { version: base.version, record: before.record };
    } catch {
      // An unreadable old record only costs the delta, never the entry.
    }
  }
  return { evals: { kind: 'recorded', record, ...(baseline ? { baseline } : {}) } };
}
