import { reviewGrades, type ReviewGrade, type ReviewsFile } from '@promptpack/spec';

/** Two reviewers over the answers both graded. */
export interface PairAgreement {
  reviewers: [string, string];
  /** Answers both graded. */
  shared: number;
  /** Share of the shared answers given the same grade, in [0, 1]; undefined with none shared. */
  raw?: number;
  /** Cohen's kappa; undefined when chance agreement is total (both gave one and the same grade throughout) or nothing is shared. */
  kappa?: number;
  /** The shared answers graded differently, by case id. */
  disagreements: Array<{ caseId: string; requestHash: string; grades: [ReviewGrade, ReviewGrade] }>;
}

/**
 * Cohen's kappa of a square confusion table (rows: one rater's categories,
 * columns: the other's): (po - pe) / (1 - pe), where po is the observed
 * agreement (the diagonal's share) and pe the agreement expected by chance
 * from each rater's own category shares. Undefined when pe is 1, where the
 * formula is 0/0, and for an empty table.
 */
export function cohensKappa(table: readonly (readonly number[])[]): number | undefined {
  const size = table.length;
  const total = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) return undefined;
  let observed = 0;
  let chance = 0;
  for (let index = 0; index < size; index += 1) {
    const row = table[index]!;
    if (row.length !== size) throw new RangeError(`cohensKappa needs a square table: row ${index} has ${row.length} cells, not ${size}.`);
    observed += row[index]! / total;
    const rowShare = row.reduce((a, b) => a + b, 0) / total;
    const columnShare = table.reduce((sum, other) => sum + other[index]!, 0) / total;
    chance += rowShare * columnShare;
  }
  if (1 - chance < 1e-12) return undefined;
  return (observed - chance) / (1 - chance);
}

/** Raw agreement and Cohen's kappa for every pair of reviewers in the file (pairwise with more than two), reviewers in name order. */
export function reviewerAgreement(reviews: ReviewsFile): PairAgreement[] {
  const reviewers = [...new Set(Object.values(reviews.verdicts).flatMap((byReviewer) => Object.keys(byReviewer)))].sort();
  const pairs: PairAgreement[] = [];
  for (let first = 0; first < reviewers.length; first += 1) {
    for (let second = first + 1; second < reviewers.length; second += 1) pairs.push(pairAgreement(reviews, reviewers[first]!, reviewers[second]!));
  }
  return pairs;
}

function pairAgreement(reviews: ReviewsFile, left: string, right: string): PairAgreement {
  const table = reviewGrades.map(() => reviewGrades.map(() => 0));
  const disagreements: PairAgreement['disagreements'] = [];
  let shared = 0;
  for (const [requestHash, byReviewer] of Object.entries(reviews.verdicts).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const a = byReviewer[left];
    const b = byReviewer[right];
    if (!a || !b) continue;
    shared += 1;
    table[reviewGrades.indexOf(a.grade)]![reviewGrades.indexOf(b.grade)]! += 1;
    if (a.grade !== b.grade) disagreements.push({ caseId: a.caseId, requestHash, grades: [a.grade, b.grade] });
  }
  const kappa = cohensKappa(table);
  return {
    reviewers: [left, right],
    shared,
    ...(shared > 0 ? { raw: (shared - disagreements.length) / shared } : {}),
    ...(kappa !== undefined ? { kappa } : {}),
    disagreements: disagreements.sort((x, y) => (x.caseId < y.caseId ? -1 : x.caseId > y.caseId ? 1 : 0)),
  };
}
