import type { Diagnostic } from '../diagnostic.js';
import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { describeValue, readField } from '../json/inspect-value.js';
import type { PolicyLock } from '../policy/policy-lock.js';
import type { Bump, PartChange } from './part-change.js';

/** `promptpack check --json`: a number, as first published; bumped when the shape changes incompatibly. */
export const checkReportSpecificationVersion = 1;

/** What `promptpack check` found for one prompt; also the shape of each `--json` entry. */
export interface PromptCheck {
  id: string;
  /** npm package name; null when package.json did not load. */
  package: string | null;
  version: string | null;
  /** changed or unchanged against its base; new (no base); removed (only at the base); invalid (a side does not load). */
  status: 'changed' | 'unchanged' | 'new' | 'removed' | 'invalid';
  /** What this prompt was compared with: a ref, or the release tag in `--published` mode. */
  base: { ref: string; commit: string; version?: string } | null;
  /** The smallest bump the changes require; null when it could not be computed. */
  required: Bump | null;
  /** The bump the pending changesets (or the version already written to package.json) give it. */
  declared: Bump;
  /** Where `declared` comes from: changeset ids and version moves, for the reader to check. */
  declaredBy: string[];
  ok: boolean;
  changes: PartChange[];
  diagnostics: Diagnostic[];
  /** Whether legal approved the policy as it is now; null when the prompt does not load (or was removed). */
  policy: PolicyCheck | null;
  /** One sentence on why it failed or what to know; null when there is nothing to say. */
  message: string | null;
  hint: string | null;
}

/** The policy lock of one prompt against its effective policy (shared sections inlined). */
export interface PolicyCheck {
  /**
   * approved: policy.lock holds this policy's sha256. missing: there is no
   * policy.lock. changed: the lock approves an earlier version, found in git
   * (`approvedVersion`, `diff`). unknown-hash: the lock's sha256 matches no
   * version of the policy in the history here (a lock edited by hand or
   * copied, or an approved commit missing from a shallow clone).
   */
  status: 'approved' | 'missing' | 'changed' | 'unknown-hash';
  ok: boolean;
  /** sha256 of the effective policy in the working tree. */
  hash: string;
  /** The shared sections the policy includes. */
  sections: string[];
  lock: PolicyLock | null;
  /** The commit whose effective policy the lock approves; `lastLockChange` when it is where policy.lock last changed. */
  approvedVersion: { commit: string; lastLockChange: boolean } | null;
  /** Unified diff from the approved policy to the working tree's (status changed only). */
  diff: string | null;
  /** True when the policy changed since the approval in whitespace only (status changed only). */
  whitespaceOnly: boolean | null;
  message: string | null;
  hint: string | null;
}

export type CheckBase = { kind: 'ref'; ref: string; commit: string } | { kind: 'published' };

export interface CheckReport {
  /** Bumped when the shape changes incompatibly, so scripts can tell. */
  specificationVersion: typeof checkReportSpecificationVersion;
  base: CheckBase;
  ok: boolean;
  prompts: PromptCheck[];
}

const hint = 'Read the output of `promptpack check --json` from the same promptpack version.';

/** Checks a parsed `promptpack check --json` report; never throws. */
export function safeParseCheckReport(value: unknown): SafeParseResult<CheckReport> {
  const fail = (path: string, problem: string): SafeParseResult<CheckReport> => ({ success: false, error: new SpecificationError('check report', path, problem, hint) });
  try {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('', `expected an object, found ${describeValue(value)}`);
    const version = readField(value, 'specificationVersion');
    if (version !== checkReportSpecificationVersion) return fail('specificationVersion', `expected ${checkReportSpecificationVersion}, found ${describeValue(version)}`);
    const kind = readField(readField(value, 'base'), 'kind');
    if (kind !== 'ref' && kind !== 'published') return fail('base.kind', `expected "ref" or "published", found ${describeValue(kind)}`);
    if (typeof readField(value, 'ok') !== 'boolean') return fail('ok', 'expected true or false');
    const prompts = readField(value, 'prompts');
    if (!Array.isArray(prompts)) return fail('prompts', 'expected an array');
    const bad = prompts.findIndex((prompt) => typeof readField(prompt, 'id') !== 'string' || typeof readField(prompt, 'ok') !== 'boolean');
    if (bad >= 0) return fail(`prompts.${bad}`, 'expected an object with a string id and a boolean ok');
    return { success: true, data: value as CheckReport };
  } catch (error) {
    return fail('', `it cannot be read (${error instanceof Error ? error.message : 'unknown error'})`);
  }
}

/** `safeParseCheckReport` that throws the `SpecificationError`. */
export function parseCheckReport(value: unknown): CheckReport {
  const result = safeParseCheckReport(value);
  if (!result.success) throw result.error;
  return result.data;
}
