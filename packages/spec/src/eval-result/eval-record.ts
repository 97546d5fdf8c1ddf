import type { EvalResult } from './eval-result.js';

/** The file name of an eval record in a prompt folder (and in its published package). */
export const evalRecordFile = 'eval-result.json';
export const evalRecordVersion = 'promptpack.eval-record/v1';

/** Counts and rates of one tier, as a report and an eval record show them. */
export interface TierSummary {
  count: number;
  hardPass: number;
  softPass: number;
  /** Hard plus soft passes. */
  pass: number;
  fail: number;
  error: number;
  /** Fractions of `count`; 1 when the tier has no cases, so an empty tier never fails a threshold by itself. */
  hardPassRate: number;
  passRate: number;
}

export interface GateThresholds {
  /** Share of blocking cases that must hard-pass, in [0, 1]. */
  hardPassRate: number;
  /** Share of blocking cases that must hard- or soft-pass, in [0, 1]. */
  passRate: number;
  /** Largest allowed drop of the blocking hard-pass rate against the baseline, in percentage points. */
  maxDropPoints: number;
  /** How a case waiting for its human review counts; `fail` when absent. */
  human?: { pendingCountsAs: 'pass' | 'fail' };
}

export interface GateCheck {
  rule: 'blocking-cases' | 'hard-pass-rate' | 'pass-rate' | 'errors' | 'baseline-prompt' | 'baseline-drop' | 'human-review';
  passed: boolean;
  /** The numbers, in one sentence. */
  detail: string;
}

export interface GateResult {
  passed: boolean;
  /** The `detail` of every failed check; empty when the gate passed. */
  reasons: string[];
  /** Every rule applied, passed or not, for a report. */
  checks: GateCheck[];
  thresholds: GateThresholds;
  /** `delta` is this run's blocking hard-pass rate minus the baseline's, in percentage points. */
  baseline?: { version: string; hardPass: number; delta: number };
}

/** The per-tier counts an eval record carries, for readers (changelog, release, flags) that do not want the whole result. */
export interface EvalRecordSummary {
  cases: number;
  repeats: number;
  errors: number;
  blocking: TierSummary;
  all: TierSummary;
}

/**
 * `prompts/<id>/eval-result.json`: a passing gated run of exactly this
 * content (contentHash + evalsHash). The release requires it, the changelog
 * summarises it, the package ships it, and the next version's
 * `--baseline auto` compares with it.
 */
export interface EvalRecord {
  specificationVersion: typeof evalRecordVersion;
  prompt: { id: string; name: string; version: string; contentHash: string; evalsHash: string };
  provider: string;
  model: string;
  recordedAt: string;
  summary: EvalRecordSummary;
  gate: GateResult;
  /** Where the baseline came from, when the gate compared with one. */
  baseline: { version: string; source: string } | null;
  result: EvalResult;
}
