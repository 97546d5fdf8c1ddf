import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../diagnostic.js';
import { PromptpackError } from '../errors.js';
import { readSourceFile } from '../files/read-source-file.js';
import { sha256 } from '../hash.js';
import { optionalPromptFiles, type LoadedPrompt } from '../loaded-prompt.js';
import { effectivePolicy } from '../shared/effective-policy.js';
import { offsetToPosition } from '../validate/package-json.js';
import { type PolicyLock, policyLockSpecificationVersion } from './policy-lock-format.js';

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

const policyLockSchema = z.strictObject({
  specificationVersion: z.literal(policyLockSpecificationVersion),
  sha256: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" followed by 64 lowercase hex digits'),
  approvedBy: z.string().refine((value) => value.trim() !== '' && !/[\r\n]/.test(value), 'expected the approver\'s name or email, on one line'),
  approvedAt: z.string().refine((value) => isoUtc.test(value) && !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 UTC time such as "2026-11-21T09:30:00Z"'),
});

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

/** The text of `policy.lock`: pretty-printed JSON with a final newline, keys in a fixed order. */
export function formatPolicyLock(lock: PolicyLock): string {
  const ordered: PolicyLock = { specificationVersion: lock.specificationVersion, sha256: lock.sha256, approvedBy: lock.approvedBy, approvedAt: lock.approvedAt };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Parses the text of a policy.lock; problems come back as diagnostics at file:line:col. */
export function parsePolicyLock(file: string, text: string): { lock: PolicyLock | undefined; diagnostics: Diagnostic[] } {
  const source = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const position = /position (\d+)/.exec(message);
    const where = lineColumn ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } : position ? offsetToPosition(source, Number(position[1])) : { line: 1, column: 1 };
    return {
      lock: undefined,
      diagnostics: [invalid(file, where, `policy.lock is not valid JSON: ${message.replace(/ in JSON at position.*$/, '').replace(/^JSON\.parse: /, '')}.`)],
    };
  }
  const parsed = policyLockSchema.safeParse(data);
  if (parsed.success) return { lock: parsed.data, diagnostics: [] };
  const diagnostics = parsed.error.issues.map((issue) => {
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    const where = key === undefined ? { line: 1, column: 1 } : locateKey(source, key);
    const what = issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((name) => `"${name}"`).join(', ')}`
      : key === undefined
        ? issue.message
        : `"${key}": ${data !== null && typeof data === 'object' && key in data ? issue.message : 'missing'}`;
    return { ...invalid(file, where, `policy.lock is malformed: ${what}.`), ...(key === undefined ? {} : { path: key }) };
  });
  return { lock: undefined, diagnostics };
}

/**
 * The prompt folder's policy.lock; undefined when there is none. Throws a
 * PromptpackError ('policy/invalid-lock') listing file:line:col for a lock
 * that does not parse or does not fit the format.
 */
export function readPolicyLock(dir: string): PolicyLock | undefined {
  const file = path.join(dir, optionalPromptFiles.policyLock);
  const read = readSourceFile(file, file);
  if (read.diagnostic) throw new PromptpackError('policy/invalid-lock', `${file} cannot be read:`, { diagnostics: [read.diagnostic], hint: lockHint(dir) });
  if (read.text === undefined) return undefined;
  const { lock, diagnostics } = parsePolicyLock(file, read.text);
  if (lock) return lock;
  throw new PromptpackError('policy/invalid-lock', `${file} is not a valid policy lock:`, { diagnostics, hint: lockHint(dir) });
}

function invalid(file: string, where: { line: number; column: number }, message: string): Diagnostic {
  return {
    code: 'policy/invalid-lock',
    severity: 'error',
    file,
    ...where,
    message,
    expected: `{ "specificationVersion": "${policyLockSpecificationVersion}", "sha256": "sha256:…", "approvedBy": "…", "approvedAt": "2026-11-21T09:30:00Z" }`,
    hint: lockHint(path.dirname(file)),
  };
}

function lockHint(dir: string): string {
  return `policy.lock is written by \`promptpack policy approve ${path.basename(dir)} --by <name>\` (for legal); never edit it by hand.`;
}

function locateKey(source: string, key: string): { line: number; column: number } {
  const index = source.indexOf(`"${key}"`);
  return index < 0 ? { line: 1, column: 1 } : offsetToPosition(source, index);
}
