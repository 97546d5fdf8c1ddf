import path from 'node:path';
import { parsePolicyLockText, policyLockHint, policyLockSpecificationVersion, PromptpackError, type PolicyLock } from '@promptpack/spec';
import { readSourceFile } from '../files/read-source-file.js';
import { sha256 } from '../hash.js';
import { optionalPromptFiles, type LoadedPrompt } from '../loaded-prompt.js';
import { effectivePolicy } from '../shared/effective-policy.js';

/** sha256 of the effective policy: `manifest.policyHash`, and what `policy.lock` must hold. */
export function policyHash(prompt: Pick<LoadedPrompt, 'sources' | 'shared'>): string {
  return sha256(effectivePolicy(prompt));
}

/** The lock that approves the prompt's current effective policy; `at` defaults to now. */
export function policyLockFor(prompt: Pick<LoadedPrompt, 'sources' | 'shared'>, approval: { by: string; at?: Date | string }): PolicyLock {
  const by = approval.by.trim();
  if (by === '' || /[\r\n]/.test(by)) {
    throw new PromptpackError('cli/usage', 'An approval needs the approver\'s name or email, on one line.', { hint: 'Pass --by, e.g. --by legal@acme.example.' });
  }
  const at = approval.at === undefined ? new Date() : new Date(approval.at);
  if (Number.isNaN(at.getTime())) {
    throw new PromptpackError('cli/usage', `"${String(approval.at)}" is not a time.`, { hint: 'Give an ISO 8601 time, e.g. 2026-11-21T09:30:00Z.' });
  }
  return {
    specificationVersion: policyLockSpecificationVersion,
    sha256: policyHash(prompt),
    approvedBy: by,
    // Whole seconds: a reviewer reads this, and milliseconds say nothing about an approval.
    approvedAt: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/**
 * The prompt folder's policy.lock; undefined when there is none. Throws a
 * PromptpackError ('policy/invalid-lock') listing file:line:col for a lock
 * that does not parse or does not fit the format.
 */
export function readPolicyLock(dir: string): PolicyLock | undefined {
  const file = path.join(dir, optionalPromptFiles.policyLock);
  const read = readSourceFile(file, file);
  if (read.diagnostic) throw new PromptpackError('policy/invalid-lock', `${file} cannot be read:`, { diagnostics: [read.diagnostic], hint: policyLockHint(file) });
  if (read.text === undefined) return undefined;
  const { lock, diagnostics } = parsePolicyLockText(file, read.text);
  if (lock) return lock;
  throw new PromptpackError('policy/invalid-lock', `${file} is not a valid policy lock:`, { diagnostics, hint: policyLockHint(file) });
}
