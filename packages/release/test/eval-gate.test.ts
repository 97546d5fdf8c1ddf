import { describe, expect, test } from 'vitest';
import { decideEvalGate, formatEvalGate, formatOverrideWarning, isOverrideReason, type RecordRead, tagAnnotation } from '../src/eval-gate.js';
import { formatSummary } from '../src/format-release.js';
import type { PromptPackage } from '../src/prompt-packages.js';
import { completeEvalRecord, type RecordOverrides } from '../../spec/test/complete-eval-record.js';

const pkg: PromptPackage = { name: '@acme/prompt-support-reply', version: '1.1.0', dir: '/repo/prompts/support-reply', folder: 'support-reply', relativeDir: 'prompts/support-reply' };
const built = { contentHash: 'sha256:aaaa1111', evalsHash: 'sha256:eeee1111' };
const record = (overrides: RecordOverrides = {}) => completeEvalRecord({ prompt: { name: pkg.name, contentHash: built.contentHash, evalsHash: built.evalsHash }, summary: { cases: 14 }, ...overrides });
const found = (value: unknown): RecordRead => ({ kind: 'found', text: JSON.stringify(value) });
const override = { reason: 'hotfix: model endpoint down', by: 'Ada <ada@acme.test>; GitHub actor ada', at: '2026-11-21T10:00:00.000Z' };

describe('decideEvalGate', () => {
  test('refuses a prompt without a record, and the hint says how to get one or override', () => {
    const decision = decideEvalGate(pkg, { kind: 'missing' }, built);
    expect(decision.verdict).toBe('refused');
    expect(decision).toMatchObject({ problem: 'no eval record (prompts/support-reply/eval-result.json does not exist)' });
    expect(decision.verdict === 'refused' && decision.hint).toMatch(/promptpack eval support-reply --gate[\s\S]*--skip-evals/);
  });

  test('passes with a fresh passing record for exactly this content', () => {
    expect(decideEvalGate(pkg, found(record()), built)).toMatchObject({ verdict: 'passed', record: { provider: 'replay' } });
  });

  test('a record for other content, for older evals, or with a failed gate does not count', () => {
    const cases: Array<[unknown, RegExp]> = [
      [record({ prompt: { ...record().prompt, contentHash: 'sha256:bbbb2222', version: '1.0.0' } }), /recorded for other content \(contentHash bbbb2222, version 1\.0\.0\)/],
      [record({ prompt: { ...record().prompt, evalsHash: 'sha256:ffff' } }), /before evals\.yaml last changed/],
      [record({ gate: { passed: false, reasons: ['blocking hard-pass 80% < 90%'] } }), /failed gate: blocking hard-pass 80% < 90%/],
      [{ specificationVersion: 'promptpack.eval-result/v1' }, /^prompts\/support-reply\/eval-result\.json: Not a valid eval record: specificationVersion: expected "promptpack\.eval-record\/v1", found "promptpack\.eval-result\/v1"$/],
      // A record a loose reader would have taken: spec's reader names the missing field.
      [{ ...record(), summary: { cases: 14 } }, /eval-result\.json: Not a valid eval record: summary\.repeats: expected a number/],
    ];
    for (const [value, problem] of cases) {
      const decision = decideEvalGate(pkg, found(value), built);
      expect(decision.verdict).toBe('refused');
      expect(decision.verdict === 'refused' && decision.problem).toMatch(problem);
    }
    expect(decideEvalGate(pkg, { kind: 'found', text: '{ "gate": ' }, built)).toMatchObject({ problem: expect.stringMatching(/eval-result\.json: Not a valid eval record: it is not JSON: .*\(line 1, column \d+\)$/) });
    expect(decideEvalGate(pkg, { kind: 'unreadable', reason: 'Unexpected token' }, built)).toMatchObject({ verdict: 'refused', problem: expect.stringMatching(/cannot be read: Unexpected token/) });
    expect(decideEvalGate(pkg, found(record()), undefined)).toMatchObject({ verdict: 'refused', problem: expect.stringMatching(/dist\/manifest\.json/) });
  });

  test('an override publishes what would be refused and keeps why', () => {
    const decision = decideEvalGate(pkg, { kind: 'missing' }, built, override);
    expect(decision).toMatchObject({ verdict: 'overridden', override, problem: expect.stringMatching(/no eval record/) });
    // A passing record wins over an unneeded override: nothing is recorded as skipped.
    expect(decideEvalGate(pkg, found(record()), built, override).verdict).toBe('passed');
  });
});

describe('how the gate is reported', () => {
  test('one line per prompt to publish', () => {
    const text = formatEvalGate([decideEvalGate(pkg, found(record()), built), decideEvalGate({ ...pkg, name: '@acme/prompt-x', folder: 'x', relativeDir: 'prompts/x' }, { kind: 'missing' }, built)]);
    expect(text).toContain('passed             @acme/prompt-support-reply@1.1.0 (blocking hard-pass 100%, pass 100%, 14 cases, replay/gpt-4o-mini)');
    expect(text).toMatch(/REFUSED +@acme\/prompt-x@1\.1\.0: no eval record/);
  });

  test('an override is loud and its reason, author and time go into the tag annotation', () => {
    const decision = decideEvalGate(pkg, { kind: 'missing' }, built, override);
    const warning = formatOverrideWarning([decision]) ?? '';
    expect(warning).toContain('EVAL GATE OVERRIDDEN');
    expect(warning).toContain(`reason: ${override.reason}`);
    expect(warning).toContain(`by:     ${override.by}`);
    expect(formatOverrideWarning([decideEvalGate(pkg, found(record()), built)])).toBeUndefined();
    expect(tagAnnotation(pkg, decision)).toBe(
      [
        '@acme/prompt-support-reply@1.1.0',
        '',
        'evals: GATE OVERRIDDEN (--skip-evals)',
        'reason: hotfix: model endpoint down',
        'by: Ada <ada@acme.test>; GitHub actor ada',
        'at: 2026-11-21T10:00:00.000Z',
        'gate would have refused: no eval record (prompts/support-reply/eval-result.json does not exist)',
        '',
      ].join('\n'),
    );
    expect(tagAnnotation(pkg, decideEvalGate(pkg, found(record()), built))).toContain('evals: passed (blocking hard-pass 100%');
  });

  test('an override needs a real reason', () => {
    expect(isOverrideReason('')).toBe(false);
    expect(isOverrideReason('  ')).toBe(false);
    expect(isOverrideReason('e2e test')).toBe(true);
  });
});

test('the release summary says how to get past a refusal', () => {
  const summary = formatSummary([{ pkg, result: 'failed', reason: 'eval gate: no eval record (prompts/support-reply/eval-result.json does not exist)' }], { pushed: 'not requested' });
  expect(summary.ok).toBe(false);
  expect(summary.text).toContain('@acme/prompt-support-reply@1.1.0: eval gate: no eval record');
  expect(summary.text).toMatch(/promptpack eval <id> --gate[\s\S]*--skip-evals --reason "<why>"/);
});
