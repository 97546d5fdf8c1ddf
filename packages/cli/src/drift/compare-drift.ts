import type { CaseOutcome, EvalResult } from '@promptpack/spec';

// Rates are ratios of small integers; the same slack as the release gate, so a drop of exactly maxDropPoints passes.
const slack = 1e-9;

/** A blocking case that hard-passed when the version was recorded and does not now. */
export interface RegressedCase {
  id: string;
  recorded: CaseOutcome;
  now: CaseOutcome;
  /** The first hard failure (or error) of the live run, for the log. */
  reason?: string;
}

export interface DriftVerdict {
  drifted: boolean;
  /** Blocking hard-pass rates, 0..1. */
  recorded: number;
  now: number;
  /** Percentage points the rate fell (negative when it rose). */
  dropPoints: number;
  maxDropPoints: number;
  regressed: RegressedCase[];
}

/**
 * Whether a version still behaves as recorded: its blocking tier re-run on
 * the live model may fall at most `maxDropPoints` below the hard-pass rate
 * of its record. The cases that stopped hard-passing are named either way,
 * so a drift within the allowance is still visible.
 */
export function compareDrift(record: EvalResult, live: EvalResult, maxDropPoints: number): DriftVerdict {
  const recorded = record.rates.blocking.hardPass;
  const now = live.rates.blocking.hardPass;
  const dropPoints = Math.round((recorded - now) * 100 * 1e6) / 1e6;
  const recordedById = new Map(record.cases.map((c) => [c.id, c.outcome]));
  const regressed = live.cases.flatMap((c): RegressedCase[] => {
    const before = recordedById.get(c.id);
    if (c.tier !== 'blocking' || before !== 'hard-pass' || c.outcome === 'hard-pass') return [];
    const failed = c.runs.find((run) => run.outcome === c.outcome);
    const failure = failed?.error ?? failed?.failures.find((f) => !f.soft)?.reason;
    return [{ id: c.id, recorded: before, now: c.outcome, ...(failure !== undefined ? { reason: failure.split('\n')[0] } : {}) }];
  });
  return { drifted: dropPoints > maxDropPoints + slack, recorded, now, dropPoints, maxDropPoints, regressed };
}
