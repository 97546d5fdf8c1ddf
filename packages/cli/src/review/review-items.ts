import { reviewedRun } from '@promptpack/eval';
import { toolCallsText, type ReviewItem } from '@promptpack/report';
import type { EvalResult, ReviewsFile } from '@promptpack/spec';

/**
 * The answers of a result that ask for a person, as the review page shows
 * them, with this reviewer's grades so far. A case none of whose runs
 * answered has nothing to grade and is left out (the eval run names it).
 */
export function reviewItems(result: EvalResult, reviews: ReviewsFile, reviewer: string, variables: ReadonlyMap<string, unknown>): ReviewItem[] {
  return result.cases.flatMap((evalCase) => {
    const run = evalCase.review ? reviewedRun(evalCase) : undefined;
    if (!evalCase.review || !run) return [];
    const verdict = reviews.verdicts[run.requestHash]?.[reviewer];
    const item: ReviewItem = { caseId: evalCase.id, requestHash: run.requestHash, tier: evalCase.tier, rubrics: evalCase.review.rubrics, answer: run.output };
    if (run.toolCalls && run.toolCalls.length > 0) item.toolCalls = toolCallsText(run.toolCalls);
    if (evalCase.description) item.description = evalCase.description;
    if (variables.has(evalCase.id)) item.variables = variables.get(evalCase.id);
    if (verdict) {
      item.grade = verdict.grade;
      if (verdict.note) item.note = verdict.note;
    }
    return [item];
  });
}
