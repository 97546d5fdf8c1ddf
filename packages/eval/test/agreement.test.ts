import { describe, expect, it } from 'vitest';
import type { ReviewGrade, ReviewsFile } from '@promptpack/spec';
import { cohensKappa, reviewerAgreement } from '../src/index.js';

const hash = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

/** A reviews file where reviewer i gave grades[i][k] to answer k (undefined: not graded). */
function reviewsOf(reviewers: Record<string, Array<ReviewGrade | undefined>>): ReviewsFile {
  const verdicts: ReviewsFile['verdicts'] = {};
  for (const [reviewer, grades] of Object.entries(reviewers)) {
    grades.forEach((grade, index) => {
      if (!grade) return;
      (verdicts[hash(index)] ??= {})[reviewer] = { grade, caseId: `case-${String(index).padStart(2, '0')}`, at: '2026-12-01T00:00:00Z' };
    });
  }
  return { specificationVersion: 'promptpack.reviews/v1', prompt: 'support-reply', verdicts };
}

describe('cohensKappa', () => {
  it('matches the 2x2 textbook table (Wikipedia, "Cohen\'s kappa": 50 proposals)', () => {
    // Yes/yes 20, yes/no 5, no/yes 10, no/no 15. po = 35/50 = 0.7.
    // Rater A says yes 25/50, B 30/50: pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5.
    // kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    expect(cohensKappa([[20, 5], [10, 15]])).toBeCloseTo(0.4, 10);
  });

  it('matches a 3x3 table worked by hand', () => {
    // 30 answers. Diagonal 10 + 8 + 6 = 24: po = 0.8.
    // Row sums 12, 10, 8; column sums 11, 12, 7: pe = (132 + 120 + 56) / 900 = 308/900.
    // kappa = (720 - 308) / (900 - 308) = 412/592 = 0.695945...
    expect(cohensKappa([[10, 2, 0], [1, 8, 1], [0, 2, 6]])).toBeCloseTo(412 / 592, 10);
  });

  it('is 0 when agreement is what chance predicts, negative below it', () => {
    // po = 0.5, pe = 0.5 * 0.5 + 0.5 * 0.5 = 0.5: kappa 0.
    expect(cohensKappa([[1, 1], [1, 1]])).toBeCloseTo(0, 10);
    // po = 0, pe = 0.5: kappa = -0.5 / 0.5 = -1.
    expect(cohensKappa([[0, 2], [2, 0]])).toBeCloseTo(-1, 10);
  });

  it('is undefined where the formula is 0/0 or there is nothing to count', () => {
    expect(cohensKappa([[4, 0], [0, 0]])).toBeUndefined();
    expect(cohensKappa([[0, 0], [0, 0]])).toBeUndefined();
  });

  it('refuses a table that is not square, saying which row', () => {
    expect(() => cohensKappa([[1, 2], [3]])).toThrow('row 1 has 1 cells, not 2');
  });
});

describe('reviewerAgreement', () => {
  it('reports raw agreement, kappa and the disagreements of two reviewers over the answers both graded', () => {
    // Shared answers 0-4 (ana's 5th is ungraded by ben). Grades in order hard, soft, fail:
    // ana: hard hard soft fail fail; ben: hard soft soft fail hard.
    // Agreed on 0, 2, 3: raw 3/5 = 0.6.
    // Table rows ana, columns ben: hard [1,1,0], soft [0,1,0], fail [1,0,1].
    // Row shares 2/5, 1/5, 2/5; column shares 2/5, 2/5, 1/5: pe = (4 + 2 + 2) / 25 = 8/25.
    // kappa = (15/25 - 8/25) / (17/25) = 7/17.
    const reviews = reviewsOf({ ana: ['hard', 'hard', 'soft', 'fail', 'fail', 'soft'], ben: ['hard', 'soft', 'soft', 'fail', 'hard'] });
    const [pair, ...rest] = reviewerAgreement(reviews);
    expect(rest).toEqual([]);
    expect(pair).toMatchObject({ reviewers: ['ana', 'ben'], shared: 5, raw: 0.6 });
    expect(pair!.kappa).toBeCloseTo(7 / 17, 10);
    expect(pair!.disagreements).toEqual([
      { caseId: 'case-01', requestHash: hash(1), grades: ['hard', 'soft'] },
      { caseId: 'case-04', requestHash: hash(4), grades: ['fail', 'hard'] },
    ]);
  });

  it('pairs every two of three reviewers, in name order', () => {
    const reviews = reviewsOf({ cy: ['hard', 'fail'], ana: ['hard', 'hard'], ben: ['hard', 'hard'] });
    const pairs = reviewerAgreement(reviews);
    expect(pairs.map((pair) => pair.reviewers)).toEqual([['ana', 'ben'], ['ana', 'cy'], ['ben', 'cy']]);
    // ana and ben both gave hard to both: po = pe = 1, kappa is undefined, raw is 1.
    expect(pairs[0]).toMatchObject({ raw: 1, disagreements: [] });
    expect(pairs[0]!.kappa).toBeUndefined();
    expect(pairs[1]).toMatchObject({ raw: 0.5, disagreements: [{ caseId: 'case-01', grades: ['hard', 'fail'] }] });
  });

  it('says nothing is shared rather than inventing a rate', () => {
    const [pair] = reviewerAgreement(reviewsOf({ ana: ['hard', undefined], ben: [undefined, 'fail'] }));
    expect(pair).toEqual({ reviewers: ['ana', 'ben'], shared: 0, disagreements: [] });
  });
});
