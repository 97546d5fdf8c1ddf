import type { EvalResult, TierSummary } from '@promptpack/spec';
import { type CaseResult, type GateVerdict, type Outcome, summarizeResult, type TierName, tiers } from '../eval/summarize.js';

/** One tier's counts on both sides; `before` is absent when the base had no record or no case in this tier. */
export interface TierChange {
  tier: TierName;
  before?: TierSummary;
  after: TierSummary;
}

/** A case whose pass/fail side changed: a pass (hard or soft) became a fail or error, or the other way round. */
export interface CaseFlip {
  id: string;
  description?: string;
  tier: TierName;
  before: Outcome;
  after: Outcome;
}

export interface EvalChange {
  prompt: { id: string; name: string };
  before?: { label: string; version: string; model: string };
  after: { label: string; version: string; model: string };
  tiers: TierChange[];
  /** Passed on the base, fails now. */
  broke: CaseFlip[];
  /** Failed on the base, passes now. */
  fixed: CaseFlip[];
  /** The gate's verdict on the pull request's side. */
  verdict: GateVerdict;
}

export interface EvalChangeInput {
  /** The base's recorded result; absent when the base never recorded one (a new prompt). */
  before?: EvalResult;
  after: EvalResult;
  /** The gate decided on `after`, with `before` as its baseline. */
  gate: GateVerdict;
  labels?: { before?: string; after?: string };
}

const passes = (outcome: Outcome) => outcome === 'hard-pass' || outcome === 'soft-pass';

/**
 * What a pull request does to a prompt's evals: per tier the counts before and
 * after, the cases that flipped between passing and failing, and the gate.
 * Pure data, so the markdown (or any other rendering) only formats it.
 */
export function summarizeEvalChange(input: EvalChangeInput): EvalChange {
  const { before, after, gate } = input;
  const afterSummary = summarizeResult(after);
  const beforeSummary = before ? summarizeResult(before) : undefined;
  const tierChanges = tiers.flatMap((tier): TierChange[] => {
    const now = afterSummary.tiers[tier];
    const then = beforeSummary?.tiers[tier];
    if (now.count === 0 && (then?.count ?? 0) === 0) return [];
    return [{ tier, after: now, ...(then && then.count > 0 ? { before: then } : {}) }];
  });
  const beforeById = new Map((before?.cases ?? []).map((c) => [c.id, c]));
  const flips = after.cases.flatMap((c): CaseFlip[] => {
    const old = beforeById.get(c.id);
    if (!old || passes(old.outcome) === passes(c.outcome)) return [];
    return [flip(c, old.outcome)];
  });
  return {
    prompt: { id: after.prompt.id, name: after.prompt.name },
    ...(before ? { before: side(before, input.labels?.before) } : {}),
    after: side(after, input.labels?.after),
    tiers: tierChanges,
    broke: flips.filter((f) => passes(f.before)),
    fixed: flips.filter((f) => passes(f.after)),
    verdict: { passed: gate.passed, reasons: [...gate.reasons] },
  };
}

function side(result: EvalResult, label: string | undefined): { label: string; version: string; model: string } {
  return { label: label ?? result.prompt.version, version: result.prompt.version, model: result.model };
}

function flip(c: CaseResult, before: Outcome): CaseFlip {
  return { id: c.id, ...(c.description !== undefined ? { description: c.description } : {}), tier: c.tier, before, after: c.outcome };
}
