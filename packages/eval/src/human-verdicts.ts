import type { CaseOutcome, CaseResult, EvalResult, ReviewGrade, ReviewsFile } from '@promptpack/spec';
import { reviewedRun } from './human-request.js';
import { tierRates } from './tier-rates.js';

export type PendingCountsAs = 'pass' | 'fail';

/** A case that asks for a person, and what people said of its answer. */
export interface HumanReview {
  caseId: string;
  /** Undefined when no run answered: there is nothing to grade. */
  requestHash?: string;
  /** Reviewer name to grade. */
  grades: Record<string, ReviewGrade>;
  /** The grade that counts: the lowest one given (a fail from anyone is a fail), or undefined while pending. */
  grade?: ReviewGrade;
}

const outcomeOf: Record<ReviewGrade, CaseOutcome> = { hard: 'hard-pass', soft: 'soft-pass', fail: 'fail' };
const rank: Record<string, number> = { error: 0, fail: 1, 'soft-pass': 2, 'hard-pass': 3 };

/** Every case of the result that asks for a person, with the verdicts reviews.json holds for its answer. */
export function humanReviews(result: EvalResult, reviews: ReviewsFile | undefined): HumanReview[] {
  return result.cases.flatMap((evalCase) => {
    if (!evalCase.review) return [];
    const run = reviewedRun(evalCase);
    const grades = Object.fromEntries(Object.entries((run && reviews?.verdicts[run.requestHash]) ?? {}).map(([reviewer, verdict]) => [reviewer, verdict.grade]));
    const given = Object.values(grades);
    const grade = given.length === 0 ? undefined : given.reduce((low, next) => (rank[outcomeOf[next]]! < rank[outcomeOf[low]]! ? next : low));
    return [{ caseId: evalCase.id, ...(run ? { requestHash: run.requestHash } : {}), grades, ...(grade ? { grade } : {}) }];
  });
}

/**
 * The result as the gate sees it once people have spoken: a reviewed case
 * keeps the lower of its machine outcome and the human grade (a person can
 * fail an answer the assertions passed, never pass one they failed); a
 * pending case counts as `fail` unless the manifest says `pass`, when it
 * keeps its machine outcome. Errors stay errors. Rates are recomputed.
 */
export function applyHumanReviews(result: EvalResult, reviews: ReviewsFile | undefined, pendingCountsAs: PendingCountsAs = 'fail'): { result: EvalResult; pending: CaseResult[] } {
  const byCase = new Map(humanReviews(result, reviews).map((review) => [review.caseId, review]));
  const pending: CaseResult[] = [];
  const cases = result.cases.map((evalCase) => {
    const review = byCase.get(evalCase.id);
    if (!review || evalCase.outcome === 'error') return evalCase;
    if (review.grade === undefined) {
      pending.push(evalCase);
      return pendingCountsAs === 'fail' ? { ...evalCase, outcome: 'fail' as const } : evalCase;
    }
    const human = outcomeOf[review.grade];
    return rank[human]! < rank[evalCase.outcome]! ? { ...evalCase, outcome: human } : evalCase;
  });
  return { result: { ...result, cases, rates: tierRates(cases) }, pending };
}
