import { tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalResult } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { compareDrift } from '../src/drift/compare-drift.js';

function result(outcomes: Array<[string, CaseResult['tier'], CaseResult['outcome']]>): EvalResult {
  const cases = outcomes.map(([id, tier, outcome]): CaseResult => ({
    id,
    tier,
    tags: [],
    refusal: false,
    outcome,
    runs: [{ outcome, output: '', failures: outcome === 'fail' ? [{ assertion: 'icontains', soft: false, reason: 'no "fix" in the output' }] : [], latencyMs: 1, tokens: { prompt: 1, completion: 1 } }],
  }));
  return { specificationVersion: 'promptpack.eval-result/v1', prompt: { id: 'faq', name: '@acme/prompt-faq', version: '1.0.0', contentHash: 'sha256:00' }, provider: 'openai', model: 'm', repeats: 1, startedAt: '2026-12-01T00:00:00.000Z', durationMs: 1, cases, rates: tierRates(cases), totals: totals(cases) };
}

const ids = Array.from({ length: 10 }, (_, index) => `case-${index}`);
const recorded = result(ids.map((id) => [id, 'blocking', 'hard-pass']));
const withFailures = (count: number) => result(ids.map((id, index) => [id, 'blocking', index < count ? 'fail' : 'hard-pass']));

describe('compareDrift', () => {
  it('a drop of exactly maxDropPoints holds; one case more drifts', () => {
    expect(compareDrift(recorded, withFailures(1), 10)).toMatchObject({ drifted: false, dropPoints: 10 });
    expect(compareDrift(recorded, withFailures(2), 10)).toMatchObject({ drifted: true, dropPoints: 20, recorded: 1, now: 0.8 });
  });

  it('names the blocking cases that stopped hard-passing, with the first hard failure', () => {
    expect(compareDrift(recorded, withFailures(2), 10).regressed).toEqual([
      { id: 'case-0', recorded: 'hard-pass', now: 'fail', reason: 'no "fix" in the output' },
      { id: 'case-1', recorded: 'hard-pass', now: 'fail', reason: 'no "fix" in the output' },
    ]);
  });

  it('a case that already failed in the record, or is new, is not a regression; a better rate is a negative drop', () => {
    const before = result([['old-fail', 'blocking', 'fail'], ['kept', 'blocking', 'hard-pass']]);
    const now = result([['old-fail', 'blocking', 'hard-pass'], ['kept', 'blocking', 'hard-pass'], ['new-one', 'blocking', 'fail']]);
    const verdict = compareDrift(before, now, 2);
    expect(verdict.regressed).toEqual([]);
    expect(verdict.dropPoints).toBeCloseTo(50 - 66.666667, 4);
    expect(verdict.drifted).toBe(false);
  });
});
