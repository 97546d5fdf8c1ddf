import { tiers, type CaseOutcome, type CaseResult, type EvalTotals, type Tier, type TierRates } from '@promptpack/spec';

// The numbers of an eval result, computed from its cases: per-tier rates and run totals.

export function tierRates(cases: readonly CaseResult[]): Record<Tier, TierRates> {
  const rates = {} as Record<Tier, TierRates>;
  for (const tier of tiers) {
    const inTier = cases.filter((evalCase) => evalCase.tier === tier);
    const share = (test: (outcome: CaseOutcome) => boolean) => (inTier.length === 0 ? 0 : inTier.filter((evalCase) => test(evalCase.outcome)).length / inTier.length);
    rates[tier] = {
      count: inTier.length,
      hardPass: share((outcome) => outcome === 'hard-pass'),
      pass: share((outcome) => outcome === 'hard-pass' || outcome === 'soft-pass'),
      fail: share((outcome) => outcome === 'fail'),
      error: share((outcome) => outcome === 'error'),
    };
  }
  return rates;
}

export function totals(cases: readonly CaseResult[]): EvalTotals {
  const runs = cases.flatMap((evalCase) => evalCase.runs);
  const answered = runs.filter((run) => run.outcome !== 'error');
  const latencies = answered.map((run) => run.latencyMs).sort((a, b) => a - b);
  const costs = runs.flatMap((run) => (run.costUsd === undefined ? [] : [run.costUsd]));
  const result: EvalTotals = {
    runs: runs.length,
    errors: runs.length - answered.length,
    latencyMsP50: percentile(latencies, 0.5),
    latencyMsP95: percentile(latencies, 0.95),
    tokens: {
      prompt: runs.reduce((sum, run) => sum + run.tokens.prompt, 0),
      completion: runs.reduce((sum, run) => sum + run.tokens.completion, 0),
    },
  };
  if (costs.length > 0) result.costUsd = costs.reduce((sum, cost) => sum + cost, 0);
  return result;
}

/** Nearest-rank percentile of sorted values; 0 for none. */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}
