import type { EvalResult, TierSummary } from '@promptpack/spec';

/** What a report shows of a gate decision (the engine's `gate()` result fits). */
export interface GateVerdict {
  passed: boolean;
  reasons: readonly string[];
}

export type CaseResult = EvalResult['cases'][number];
export type RunResult = CaseResult['runs'][number];
export type Outcome = CaseResult['outcome'];
export type TierName = CaseResult['tier'];

export const tiers: readonly TierName[] = ['blocking', 'monitoring', 'backlog'];

/** Counts per tier, from the case outcomes (hard pass counts as a pass too). */
export interface ResultSummary {
  cases: number;
  repeats: number;
  /** Runs (requests) that errored, across all cases. */
  errors: number;
  runs: number;
  tiers: Record<TierName, TierSummary>;
  all: TierSummary;
}

export function summarizeTier(cases: readonly CaseResult[]): TierSummary {
  const count = cases.length;
  const by = (outcome: Outcome) => cases.filter((c) => c.outcome === outcome).length;
  const hardPass = by('hard-pass');
  const softPass = by('soft-pass');
  return {
    count,
    hardPass,
    softPass,
    pass: hardPass + softPass,
    fail: by('fail'),
    error: by('error'),
    hardPassRate: count === 0 ? 1 : hardPass / count,
    passRate: count === 0 ? 1 : (hardPass + softPass) / count,
  };
}

export function summarizeResult(result: EvalResult): ResultSummary {
  const runs = result.cases.flatMap((c) => c.runs);
  return {
    cases: result.cases.length,
    repeats: result.repeats,
    errors: runs.filter((run) => run.outcome === 'error').length,
    runs: runs.length,
    tiers: Object.fromEntries(tiers.map((tier) => [tier, summarizeTier(result.cases.filter((c) => c.tier === tier))])) as Record<TierName, TierSummary>,
    all: summarizeTier(result.cases),
  };
}

/** The run that stands for a case: the first whose outcome is the case's (majority) outcome. */
export function representativeRun(c: CaseResult): RunResult | undefined {
  return c.runs.find((run) => run.outcome === c.outcome) ?? c.runs[0];
}

/** Why a case did not hard-pass, one line per distinct reason, with how many runs gave it. */
export function caseReasons(c: CaseResult): string[] {
  const counts = new Map<string, number>();
  for (const run of c.runs) {
    const reasons = run.error ? [`error: ${run.error}`] : run.failures.map((failure) => `${failure.soft ? 'soft' : 'hard'} ${failure.assertion}: ${failure.reason}`);
    for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => (c.runs.length > 1 ? `${reason} (${count}/${c.runs.length} runs)` : reason));
}

export function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

export function formatUsd(value: number): string {
  return value === 0 ? '$0' : value < 0.01 ? `$${value.toFixed(5)}` : `$${value.toFixed(4)}`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/**
 * One line per prompt for a terminal or a CI log: verdict, blocking rates,
 * cases, errors, provider/model, latency, cost and time.
 */
export function formatSummaryLine(result: EvalResult, gate?: GateVerdict): string {
  const summary = summarizeResult(result);
  const blocking = summary.tiers.blocking;
  const verdict = gate ? (gate.passed ? 'gate passed' : 'GATE FAILED') : 'evaluated';
  const errors = summary.errors > 0 ? `${summary.errors} errored run${summary.errors === 1 ? '' : 's'}` : 'no errors';
  return [
    `${result.prompt.id}@${result.prompt.version} ${verdict}`,
    `blocking hard-pass ${percent(blocking.hardPassRate)} (${blocking.hardPass}/${blocking.count}), pass ${percent(blocking.passRate)}`,
    `${summary.cases} cases × ${summary.repeats}`,
    errors,
    `${result.provider}/${result.model}`,
    `p50 ${formatMs(result.totals.latencyMsP50)}, p95 ${formatMs(result.totals.latencyMsP95)}`,
    result.totals.costUsd === undefined ? 'cost n/a' : formatUsd(result.totals.costUsd),
    formatMs(result.durationMs),
  ].join(' · ');
}
