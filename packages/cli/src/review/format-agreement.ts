import type { PairAgreement } from '@promptpack/eval';

/** `promptpack review --agreement` output: one block per pair of reviewers, disagreements by case. */
export function formatAgreement(pairs: readonly PairAgreement[], prompt: string): string[] {
  if (pairs.length === 0) return [`${prompt}: agreement needs two reviewers; reviews.json has verdicts from fewer.`];
  return pairs.flatMap((pair) => {
    const [left, right] = pair.reviewers;
    if (pair.shared === 0) return [`${prompt}: ${left} and ${right} graded no answer in common.`];
    const kappa = pair.kappa === undefined ? "Cohen's kappa undefined (both gave one and the same grade throughout)" : `Cohen's kappa ${pair.kappa.toFixed(2)}`;
    return [
      `${prompt}: ${left} and ${right} agree on ${pair.shared - pair.disagreements.length} of ${pair.shared} answers (${((pair.raw ?? 0) * 100).toFixed(1)}%), ${kappa}`,
      ...pair.disagreements.map((entry) => `  disagree ${entry.caseId}: ${left} ${entry.grades[0]}, ${right} ${entry.grades[1]}`),
    ];
  });
}
