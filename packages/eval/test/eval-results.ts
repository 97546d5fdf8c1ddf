// Eval results built from outcomes alone, for gate and report tests.
import { tierRates, totals } from '../src/tier-rates.js';
import type { CaseOutcome, CaseResult, EvalResult, RunResult, Tier } from '@promptpack/spec';

export function runOf(outcome: CaseOutcome, latencyMs = 100): RunResult {
  if (outcome === 'error') {
    return { outcome, output: '', failures: [], latencyMs: 0, tokens: { prompt: 0, completion: 0 }, error: 'Case: No answer within 60000 ms.', errorCode: 'provider/timeout' };
  }
  return { outcome, output: 'ok', failures: [], latencyMs, tokens: { prompt: 100, completion: 10 } };
}

/** A result whose cases have these outcomes, per tier; each case's runs all share its outcome unless `runs` says otherwise. */
export function resultOf(outcomes: Partial<Record<Tier, CaseOutcome[]>>, options: { id?: string; version?: string; runs?: Record<string, CaseOutcome[]> } = {}): EvalResult {
  const cases: CaseResult[] = Object.entries(outcomes).flatMap(([tier, list]) =>
    list.map((outcome, index) => {
      const id = `${tier}-${index + 1}`;
      const runs = (options.runs?.[id] ?? [outcome, outcome, outcome]).map((run) => runOf(run));
      return { id, tier: tier as Tier, tags: [], refusal: false, outcome, runs };
    }),
  );
  return {
    specificationVersion: 'promptpack.eval-result/v1',
    prompt: { id: options.id ?? 'refund-triage', name: '@acme/prompt-refund-triage', version: options.version ?? '1.1.0', contentHash: 'sha256:abc' },
    provider: 'replay',
    model: 'gpt-4o-mini',
    repeats: 3,
    startedAt: '2026-11-21T00:00:00.000Z',
    durationMs: 1,
    cases,
    rates: tierRates(cases),
    totals: totals(cases),
  };
}

export const repeat = (value: CaseOutcome, count: number): CaseOutcome[] => Array<CaseOutcome>(count).fill(value);
