import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { emptyReviewsFile, PromptpackError, reviewsFile, safeParseReviewsFileText, type ReviewGrade, type ReviewsFile, type ReviewVerdict } from '@promptpack/spec';

/** The reviews.json of a prompt folder. */
export const reviewsPath = (promptDir: string): string => path.join(promptDir, reviewsFile);

/** A prompt's verdicts; a missing file is an empty one. Throws a `PromptpackError` naming the file for a broken one. */
export function readReviews(file: string, prompt: string): ReviewsFile {
  if (!existsSync(file)) return emptyReviewsFile(prompt);
  const parsed = safeParseReviewsFileText(readFileSync(file, 'utf8'));
  if (!parsed.success) throw new PromptpackError('review/invalid-file', `${file}: ${parsed.error.message}`, { hint: 'Fix it by hand or take it back from git (git checkout -- <file>); promptpack review will not overwrite a file it cannot read.' });
  if (parsed.data.prompt !== prompt) {
    throw new PromptpackError('review/invalid-file', `${file} holds verdicts of prompt "${parsed.data.prompt}", not "${prompt}".`, { hint: `Each prompt folder has its own ${reviewsFile}; move the file to the folder of "${parsed.data.prompt}".` });
  }
  return parsed.data;
}

export interface VerdictInput {
  requestHash: string;
  reviewer: string;
  grade: ReviewGrade;
  caseId: string;
  note?: string;
  /** Default: now. */
  at?: string;
}

/**
 * Records one verdict, replacing that reviewer's earlier one on the same
 * answer. Read-merge-write under a lock on the file (proper-lockfile: an
 * mkdir lock, which is atomic on every file system, and stale after 10 s
 * if a process died holding it), so two reviewers' servers on one checkout
 * never lose each other's verdicts; written to a temporary file and renamed
 * over the old one, so a crash leaves the old file or the new, never half.
 * One file rather than one per reviewer keeps what the gate reads in one
 * place; its keys are sorted, so two branches' verdicts merge line by line.
 */
export async function saveVerdict(file: string, prompt: string, input: VerdictInput): Promise<ReviewsFile> {
  const release = await lockfile.lock(file, { realpath: false, stale: 10_000, retries: { retries: 50, minTimeout: 5, maxTimeout: 100 } });
  try {
    const reviews = readReviews(file, prompt);
    const verdict: ReviewVerdict = { grade: input.grade, caseId: input.caseId, at: input.at ?? new Date().toISOString(), ...(input.note ? { note: input.note } : {}) };
    const next: ReviewsFile = { ...reviews, verdicts: { ...reviews.verdicts, [input.requestHash]: { ...reviews.verdicts[input.requestHash], [input.reviewer]: verdict } } };
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, formatReviews(next));
    renameSync(temporary, file);
    return next;
  } finally {
    await release();
  }
}

/** The file's text: keys sorted at both levels, two-space indent, a final newline. */
export function formatReviews(reviews: ReviewsFile): string {
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const verdicts = sorted(Object.fromEntries(Object.entries(reviews.verdicts).map(([hash, byReviewer]) => [hash, sorted(byReviewer)])));
  return `${JSON.stringify({ specificationVersion: reviews.specificationVersion, prompt: reviews.prompt, verdicts }, null, 2)}\n`;
}
