/** The file name of a prompt's human verdicts, next to its prompt.yaml; commit it with the prompt. */
export const reviewsFile = 'reviews.json';
/** `specificationVersion` of a reviews file. */
export const reviewsVersion = 'promptpack.reviews/v1';

/** A person's grade of one answer: as good as a hard pass, an acceptable (soft) one, or a failure. */
export type ReviewGrade = 'hard' | 'soft' | 'fail';
export const reviewGrades: readonly ReviewGrade[] = ['hard', 'soft', 'fail'];

export interface ReviewVerdict {
  grade: ReviewGrade;
  /** The case the answer belongs to, so a reader of the file (and of its diff) sees what was graded. */
  caseId: string;
  /** When it was given, ISO 8601. */
  at: string;
  /** Why, in the reviewer's words. */
  note?: string;
}

/**
 * `prompts/<id>/reviews.json`. Verdicts are keyed by the request hash of the
 * answer, then by reviewer: the request hash names exactly what the model
 * was sent (rendered messages and parameters), so a verdict survives
 * re-runs on recorded answers and lapses by itself when the prompt or the
 * case's variables change. One verdict per reviewer and request: grading
 * again replaces it.
 */
export interface ReviewsFile {
  specificationVersion: typeof reviewsVersion;
  /** The prompt id, so a file copied into the wrong folder says so. */
  prompt: string;
  verdicts: Record<string, Record<string, ReviewVerdict>>;
}

/** A reviews file with no verdicts: what a missing file means. */
export const emptyReviewsFile = (prompt: string): ReviewsFile => ({ specificationVersion: reviewsVersion, prompt, verdicts: {} });
