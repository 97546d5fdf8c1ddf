import { describe, expectTypeOf, it } from 'vitest';
import type { EvalResult, GateResult, ReviewsFile } from '@promptpack/spec';
import { applyHumanReviews, gate, reviewerAgreement, type PairAgreement } from '../src/index.js';

declare const result: EvalResult;
declare const reviews: ReviewsFile;
const thresholds = { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 };

describe('human review types', () => {
  it('takes reviews and a pending rule in the gate', () => {
    expectTypeOf(gate(result, { thresholds: { ...thresholds, human: { pendingCountsAs: 'pass' } }, reviews })).toEqualTypeOf<GateResult>();
    // @ts-expect-error pending reviews count as pass or fail, nothing else
    gate(result, { thresholds: { ...thresholds, human: { pendingCountsAs: 'skip' } } });
    // @ts-expect-error reviews are a parsed reviews.json, not its path
    gate(result, { thresholds, reviews: 'prompts/x/reviews.json' });
  });

  it('types grades and agreement', () => {
    expectTypeOf(reviewerAgreement(reviews)).toEqualTypeOf<PairAgreement[]>();
    // @ts-expect-error a grade is hard, soft or fail
    applyHumanReviews(result, { ...reviews, verdicts: { 'sha256:0': { ana: { grade: 'great', caseId: 'a', at: '' } } } });
    // @ts-expect-error pendingCountsAs is pass or fail
    applyHumanReviews(result, reviews, 'maybe');
  });
});
