import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../hash.js';
import { formatPolicyLock, parsePolicyLockText as parsePolicyLock, PromptpackError } from '@promptpack/spec';
import { policyHash, policyLockFor, readPolicyLock } from './policy-lock.js';
import { unifiedDiff } from './unified-diff.js';

const prompt = { sources: { policy: 'Intro.\n{{> safety}}\nOutro.\n' }, shared: [{ name: 'safety', file: 'prompts/_shared/safety.md', text: 'Be safe.\n' }] } as const;
const hash = sha256('Intro.\nBe safe.\nOutro.\n');
const good = { specificationVersion: 'promptpack.policy-lock/v1', sha256: hash, approvedBy: 'legal@acme.example', approvedAt: '2026-11-21T09:30:00Z' };

describe('policy locks', () => {
  it('hashes the effective policy, shared sections inlined', () => {
    expect(policyHash(prompt as never)).toBe(hash);
  });

  it('writes a pretty-printed lock with a final newline and whole-second UTC times', () => {
    const lock = policyLockFor(prompt as never, { by: '  legal@acme.example ', at: new Date('2026-11-21T09:30:00.123Z') });
    expect(lock).toEqual(good);
    expect(formatPolicyLock(lock)).toBe(`{
  "specificationVersion": "promptpack.policy-lock/v1",
  "sha256": "${hash}",
  "approvedBy": "legal@acme.example",
  "approvedAt": "2026-11-21T09:30:00Z"
}
`);
    expect(parsePolicyLock('policy.lock', formatPolicyLock(lock))).toEqual({ lock: good, diagnostics: [] });
  });

  it('refuses an approval without a name', () => {
    for (const by of ['', '   ', 'two\nlines']) expect(() => policyLockFor(prompt as never, { by })).toThrow(/approver's name/);
  });

  it.each([
    ['JSON that does not parse', '{\n  "sha256": "x",\n}\n', 3, 1, /not valid JSON/],
    ['an unknown key', JSON.stringify({ ...good, note: 'ok' }, null, 2), 6, 3, /unknown key "note"/],
    ['a sha256 that is not one', JSON.stringify({ ...good, sha256: 'abc' }, null, 2), 3, 3, /"sha256": expected "sha256:" followed by 64 lowercase hex digits/],
    ['a missing approver', JSON.stringify({ ...good, approvedBy: undefined }, null, 2), 1, 1, /"approvedBy": missing/],
    ['a time that is not UTC ISO 8601', JSON.stringify({ ...good, approvedAt: 'yesterday' }, null, 2), 5, 3, /"approvedAt": expected an ISO 8601 UTC time/],
    ['another format version', JSON.stringify({ ...good, specificationVersion: 'promptpack.policy-lock/v9' }, null, 2), 2, 3, /"specificationVersion"/],
  ])('reports %s at file:line:col', (_name, text, line, column, message) => {
    const { lock, diagnostics } = parsePolicyLock('prompts/x/policy.lock', text);
    expect(lock).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'policy/invalid-lock', severity: 'error', file: 'prompts/x/policy.lock', line, column });
    expect(diagnostics[0]?.message).toMatch(message);
    expect(diagnostics[0]?.hint).toMatch(/promptpack policy approve x --by <name>/);
  });

  describe('readPolicyLock', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-lock-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is undefined without a lock, the lock when valid, and throws with the location when not', () => {
      expect(readPolicyLock(dir)).toBeUndefined();
      writeFileSync(path.join(dir, 'policy.lock'), formatPolicyLock(good as never));
      expect(readPolicyLock(dir)).toEqual(good);
      writeFileSync(path.join(dir, 'policy.lock'), '{ "sha256": ');
      let error: unknown;
      try {
        readPolicyLock(dir);
      } catch (caught) {
        error = caught;
      }
      expect(PromptpackError.isInstance(error)).toBe(true);
      expect((error as PromptpackError).code).toBe('policy/invalid-lock');
      expect((error as PromptpackError).message).toContain(`${path.join(dir, 'policy.lock')}:1:`);
      expect((error as PromptpackError).message).toMatch(/error policy\/invalid-lock: policy\.lock is not valid JSON/);
    });
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts and diff -u shaped otherwise', () => {
    expect(unifiedDiff('a\n', 'a\n', { from: 'old', to: 'new' })).toBe('');
    const before = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].join('\n') + '\n';
    const after = before.replace('two\n', 'TWO\n').replace('nine\n', '');
    expect(unifiedDiff(before, after, { from: 'approved', to: 'working tree', context: 1 })).toBe(
      ['--- approved', '+++ working tree', '@@ -1,3 +1,3 @@', ' one', '-two', '+TWO', ' three', '@@ -8,3 +8,2 @@', ' eight', '-nine', ' ten', ''].join('\n'),
    );
  });

  it('shows a trailing-space change and a missing final newline', () => {
    expect(unifiedDiff('a\nb\n', 'a \nb', { from: 'x', to: 'y' })).toBe(['--- x', '+++ y', '@@ -1,2 +1,2 @@', '-a', '-b', '+a ', '+b', '\\ No newline at end of file', ''].join('\n'));
  });
});
