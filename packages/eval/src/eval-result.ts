import type { AssertionFailure, CaseOutcome } from './score-run.js';

export type Tier = 'blocking' | 'monitoring' | 'backlog';
export const tiers: readonly Tier[] = ['blocking', 'monitoring', 'backlog'];

export const evalResultVersion = 'promptpack.eval-result/v1';

export interface RunResult {
  outcome: CaseOutcome;
  /** The model's answer; empty for an error run. */
  output: string;
  /** Failed assertions only: hard ones, then soft ones when they were needed. */
  failures: AssertionFailure[];
  /** 0 for an error run. */
  latencyMs: number;
  tokens: { prompt: number; completion: number };
  costUsd?: number;
  /** Why the run produced no answer: the error's message, naming the case. */
  error?: string;
  /** The error's stable code (`provider/timeout`, `replay/miss`, ...). */
  errorCode?: string;
}

export interface CaseResult {
  id: string;
  description?: string;
  tier: Tier;
  tags: string[];
  refusal: boolean;
  outcome: CaseOutcome;
  runs: RunResult[];
}

/** Shares of a tier's cases, each in [0, 1] (0 when the tier ran no cases); `count` is the number of cases. */
export interface TierRates {
  count: number;
  hardPass: number;
  /** Hard or soft pass. */
  pass: number;
  fail: number;
  error: number;
}

export interface EvalTotals {
  /** Requests made (cases × repeats). */
  runs: number;
  /** Runs that ended in error; any fails the gate. */
  errors: number;
  /** Over the runs that answered. */
  latencyMsP50: number;
  latencyMsP95: number;
  tokens: { prompt: number; completion: number };
  /** Present when any run reported a cost. */
  costUsd?: number;
}

/** One eval run of one prompt version: what the gate reads, what a release ships, what the next version compares with. */
export interface EvalResult {
  specificationVersion: typeof evalResultVersion;
  prompt: { id: string; name: string; version: string; contentHash: string };
  provider: string;
  model: string;
  repeats: number;
  startedAt: string;
  durationMs: number;
  cases: CaseResult[];
  rates: Record<Tier, TierRates>;
  totals: EvalTotals;
}

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
