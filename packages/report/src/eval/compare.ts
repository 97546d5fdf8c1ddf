import type { EvalResult } from '@promptpack/spec';
import { toolCallsText } from './tool-calls-text.js';
import { caseReasons, type CaseResult, type Outcome, representativeRun, type ResultSummary, summarizeResult, type TierName, tiers } from './summarize.js';

export type CaseChange = 'regressed' | 'improved' | 'unchanged' | 'new' | 'removed';

export interface CaseSide {
  outcome: Outcome;
  /** The output of the run that stands for the case (its majority outcome). */
  output: string;
  /** Its tool calls as text (see toolCallsText); empty when it called none. */
  toolCalls: string;
  reasons: string[];
}

export interface CaseComparison {
  id: string;
  tier: TierName;
  change: CaseChange;
  /** The representative outputs or tool calls differ (with the same or another outcome). */
  outputChanged: boolean;
  before?: CaseSide;
  after?: CaseSide;
}

export interface ComparedVersion {
  label: string;
  result: EvalResult;
  summary: ResultSummary;
}

export interface Comparison {
  prompt: { id: string; name: string };
  before: ComparedVersion;
  after: ComparedVersion;
  cases: CaseComparison[];
  counts: Record<CaseChange, number>;
}

const rank: Record<Outcome, number> = { error: 0, fail: 1, 'soft-pass': 2, 'hard-pass': 3 };
const changeOrder: readonly CaseChange[] = ['regressed', 'improved', 'new', 'removed', 'unchanged'];

/**
 * Two results of the same cases side by side: per case, both outcomes and
 * outputs and whether it regressed (a worse outcome: hard pass > soft pass >
 * fail > error) or improved. Regressions come first, then by tier and case order.
 */
export function compareResults(before: EvalResult, after: EvalResult, labels: { before?: string; after?: string } = {}): Comparison {
  const beforeById = new Map(before.cases.map((c) => [c.id, c]));
  const afterIds = new Set(after.cases.map((c) => c.id));
  const order = [...after.cases.map((c) => c.id), ...before.cases.filter((c) => !afterIds.has(c.id)).map((c) => c.id)];
  const afterById = new Map(after.cases.map((c) => [c.id, c]));
  const cases = order.map((id): CaseComparison => {
    const a = beforeById.get(id);
    const b = afterById.get(id);
    const beforeSide = a ? side(a) : undefined;
    const afterSide = b ? side(b) : undefined;
    const change: CaseChange = !a ? 'new' : !b ? 'removed' : rank[b.outcome] < rank[a.outcome] ? 'regressed' : rank[b.outcome] > rank[a.outcome] ? 'improved' : 'unchanged';
    return {
      id,
      tier: (b ?? a)!.tier,
      change,
      outputChanged: beforeSide?.output !== afterSide?.output || beforeSide?.toolCalls !== afterSide?.toolCalls,
      ...(beforeSide ? { before: beforeSide } : {}),
      ...(afterSide ? { after: afterSide } : {}),
    };
  });
  const position = new Map(order.map((id, index) => [id, index]));
  cases.sort((x, y) => changeOrder.indexOf(x.change) - changeOrder.indexOf(y.change) || tiers.indexOf(x.tier) - tiers.indexOf(y.tier) || position.get(x.id)! - position.get(y.id)!);
  const counts = Object.fromEntries(changeOrder.map((change) => [change, cases.filter((c) => c.change === change).length])) as Record<CaseChange, number>;
  return {
    prompt: { id: after.prompt.id, name: after.prompt.name },
    before: { label: labels.before ?? before.prompt.version, result: before, summary: summarizeResult(before) },
    after: { label: labels.after ?? after.prompt.version, result: after, summary: summarizeResult(after) },
    cases,
    counts,
  };
}

function side(c: CaseResult): CaseSide {
  const run = representativeRun(c);
  // An error run has no answer; its message is already among the reasons.
  return { outcome: c.outcome, output: run?.error ? '' : (run?.output ?? ''), toolCalls: toolCallsText(run?.toolCalls), reasons: caseReasons(c) };
}

/** Signed percentage points between two rates, e.g. "+2.5 pts". */
export function deltaPoints(before: number, after: number): string {
  const value = Number(((after - before) * 100).toFixed(1));
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)} pts`;
}
