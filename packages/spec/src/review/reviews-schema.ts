import { z } from 'zod';
import { safeParseJsonWith } from '../parse/parse-json-with.js';
import { zodParser } from '../parse/zod-parser.js';
import type { SafeParseResult } from '../errors/specification-error.js';
import { reviewGrades, reviewsFile, reviewsVersion, type ReviewsFile } from './reviews-file.js';

// Keys are checked by hand: zod reports a bad record key only as "Invalid key in record".
const requestHash = /^sha256:[0-9a-f]{64}$/;
const reviewer = /^\S(.{0,98}\S)?$/;

/** A record whose every key matches `pattern`, the message saying what a key must be. */
function keyedBy<T extends z.ZodType>(pattern: RegExp, what: string, value: T) {
  return z.record(z.string(), value).superRefine((record, context) => {
    for (const key of Object.keys(record)) {
      if (!pattern.test(key)) context.addIssue({ code: 'custom', path: [key], message: `${JSON.stringify(key)} is not ${what}` });
    }
  });
}

export const reviewVerdictSchema = z.strictObject({
  grade: z.enum(reviewGrades as ['hard', 'soft', 'fail']),
  caseId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  note: z.string().max(4000).optional(),
});

export const reviewsFileSchema = z.strictObject({
  specificationVersion: z.literal(reviewsVersion),
  prompt: z.string().min(1),
  verdicts: keyedBy(
    requestHash,
    'a request hash (sha256: and 64 lowercase hex digits, as promptpack eval writes it)',
    keyedBy(reviewer, 'a reviewer name (1 to 100 characters, no space around it)', reviewVerdictSchema),
  ),
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
