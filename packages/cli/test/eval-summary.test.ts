import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalRecord, EvalResult } from '@promptpack/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './eval-fixture.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-eval-summary-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const evalCase = (id: string, outcome: CaseResult['outcome']): CaseResult => ({
  id,
  tier: 'blocking',
  tags: [],
  refusal: false,
  outcome,
  runs: [{ outcome, output: 'answer', failures: outcome === 'fail' ? [{ assertion: 'icontains', soft: false, reason: 'no "fix" in the output' }] : [], latencyMs: 5, tokens: { prompt: 1, completion: 1 } }],
});

function result(id: string, version: string, outcomes: Record<string, CaseResult['outcome']>): EvalResult {
  const cases = Object.entries(outcomes).map(([caseId, outcome]) => evalCase(caseId, outcome));
  const prompt = { id, name: `@acme/prompt-${id}`, version, contentHash: 'sha256:00' };
  return { specificationVersion: 'promptpack.eval-result/v1', prompt, provider: 'replay', model: 'test', repeats: 1, startedAt: '2026-12-01T00:00:00.000Z', durationMs: 1, cases, rates: tierRates(cases), totals: totals(cases) };
}

/** An eval record around a result, as `promptpack eval --gate` writes it; its thresholds are the version's. */
function record(evalResult: EvalResult, maxDropPoints: number): EvalRecord {
  const blocking = { count: 0, hardPass: 0, softPass: 0, pass: 0, fail: 0, error: 0, hardPassRate: 1, passRate: 1 };
  return {
    specificationVersion: 'promptpack.eval-record/v1',
    prompt: { ...evalResult.prompt, evalsHash: 'sha256:11' },
    provider: evalResult.provider,
    model: evalResult.model,
    recordedAt: '2026-12-01T00:00:00.000Z',
    summary: { cases: 0, repeats: 1, errors: 0, blocking, all: blocking },
    gate: { passed: true, reasons: [], checks: [], thresholds: { hardPassRate: 0.5, passRate: 0.5, maxDropPoints } },
    baseline: null,
    result: evalResult,
  };
}

function write(name: string, value: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

const base = result('faq', '1.0.0', { 'patch-bump': 'hard-pass', 'minor-bump': 'hard-pass', 'major-bump': 'fail', 'semver-zero': 'hard-pass' });
const head = result('faq', '1.1.0', { 'patch-bump': 'hard-pass', 'minor-bump': 'fail', 'major-bump': 'hard-pass', 'semver-zero': 'hard-pass' });

describe('promptpack eval-summary', () => {
  it('prints the markdown for a pull request: rates before → after, flips, and the gate with the base record\'s thresholds', async () => {
    const io = capture();
    expect(await main(['eval-summary', '--before', write('base.json', record(base, 2)), '--after', write('head.json', head)], io), io.text()).toBe(0);
    const markdown = io.stdout.join('\n');
    expect(markdown).toContain('### faq: ✅ gate passed');
    expect(markdown).toContain('| blocking | 75% (3/4) | 75% (3/4) | ±0 pts |');
    expect(markdown).toContain('- minor-bump (blocking): hard-pass → fail');
    expect(markdown).toContain('- major-bump (blocking): fail → hard-pass');
  });

  it('fails the summarised gate on a drop beyond maxDropPoints and writes --out', async () => {
    const worse = result('faq', '1.1.0', { 'patch-bump': 'fail', 'minor-bump': 'fail', 'major-bump': 'fail', 'semver-zero': 'hard-pass' });
    const out = path.join(scratch, 'comment/faq.md');
    const io = capture();
    expect(await main(['eval-summary', '--before', write('base-record.json', record(base, 2)), '--after', write('worse.json', worse), '--out', out], io), io.text()).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('❌ gate failed');
    expect(markdown).toContain('- Blocking hard-pass rate fell 50.0 points against 1.0.0 (75.0% to 25.0%); more than the 2 points allowed.');
    expect(markdown).toContain('**Passed before, fail now (2):**');
  });

  it('without --before says the base has nothing to compare with', async () => {
    const io = capture();
    expect(await main(['eval-summary', '--after', write('alone.json', head)], io), io.text()).toBe(0);
    expect(io.stdout.join('\n')).toContain('No recorded result on the base, so there is nothing to compare with: 1.1.0 (test) alone.');
  });

  it('exits 2 naming the flag for a missing file, an unreadable one, two prompts or no --after', async () => {
    const missing = capture();
    expect(await main(['eval-summary', '--after', path.join(scratch, 'nope.json')], missing)).toBe(2);
    expect(missing.stderr.join('\n')).toContain(`--after ${path.join(scratch, 'nope.json')}: no such file.`);
    const broken = capture();
    expect(await main(['eval-summary', '--after', write('broken.json', { specificationVersion: 'promptpack.eval-result/v1', prompt: 'x' })], broken)).toBe(2);
    expect(broken.stderr.join('\n')).toContain(`--after ${path.join(scratch, 'broken.json')}: `);
    const other = capture();
    expect(await main(['eval-summary', '--before', write('other.json', result('greeting', '1.0.0', { hello: 'hard-pass' })), '--after', write('head2.json', head)], other)).toBe(2);
    expect(other.stderr.join('\n')).toContain('--before is a result of prompt "greeting" and --after of "faq".');
    const none = capture();
    expect(await main(['eval-summary'], none)).toBe(2);
    expect(none.stderr.join('\n')).toContain("required option '--after <file>' not specified");
  });
});
