import { z } from 'zod';
import { safeParseJsonWith } from '../parse/parse-json-with.js';
import { zodParser } from '../parse/zod-parser.js';
import type { SafeParseResult } from '../errors/specification-error.js';
import { reviewGrades, reviewsFile, reviewsVersion, type ReviewsFile } from './reviews-file.js';

const requestHash = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a request hash is sha256: and 64 lowercase hex digits, as promptpack eval writes it');
const reviewer = z.string().regex(/^\S(.*\S)?$/, 'a reviewer name is not empty and has no space around it').max(100);

export const reviewVerdictSchema = z.strictObject({
  grade: z.enum(reviewGrades as ['hard', 'soft', 'fail']),
  caseId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  note: z.string().max(4000).optional(),
});

export const reviewsFileSchema = z.strictObject({
  specificationVersion: z.literal(reviewsVersion),
  prompt: z.string().min(1),
  verdicts: z.record(requestHash, z.record(reviewer, reviewVerdictSchema)),
});

const hint = `Fix the entry by hand, or take the file back from git; \`promptpack review\` writes ${reviewsFile} (specificationVersion "${reviewsVersion}").`;
const parser = zodParser<ReviewsFile>(reviewsFile, reviewsVersion, reviewsFileSchema, hint);

/** Checks a parsed reviews.json; never throws. */
export const safeParseReviewsFile = parser.safeParse;
/** `safeParseReviewsFile` that throws the `SpecificationError`. */
export const parseReviewsFile = parser.parse;

/** `safeParseReviewsFile` of the file's text: not-JSON is a `SpecificationError` too. Never throws. */
export function safeParseReviewsFileText(text: string): SafeParseResult<ReviewsFile> {
  return safeParseJsonWith(text, reviewsFile, hint, safeParseReviewsFile);
}
