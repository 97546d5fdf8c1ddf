import { describe, expect, it } from 'vitest';
import { assertionSchema, evalCaseSchema, thresholdsSchema } from '../schema/evals-spec.js';
import { safeParseReviewsFile, safeParseReviewsFileText } from './reviews-schema.js';

const hash = `sha256:${'a'.repeat(64)}`;
const verdict = { grade: 'soft', caseId: 'refund-late', at: '2026-12-01T10:00:00Z' };

describe('reviews.json', () => {
  it('accepts verdicts keyed by request hash and reviewer', () => {
    const parsed = safeParseReviewsFile({ specificationVersion: 'promptpack.reviews/v1', prompt: 'support-reply', verdicts: { [hash]: { 'ana@acme.example': { ...verdict, note: 'too long' } } } });
    expect(parsed.success).toBe(true);
  });

  it.each([
    [{ specificationVersion: 'promptpack.reviews/v2', prompt: 'x', verdicts: {} }, 'specificationVersion', 'expected "promptpack.reviews/v1", found "promptpack.reviews/v2"'],
    [{ specificationVersion: 'promptpack.reviews/v1', prompt: 'x', verdicts: { 'case-1': { ana: verdict } } }, 'verdicts.case-1', '"case-1" is not a request hash (sha256:'],
    [{ specificationVersion: 'promptpack.reviews/v1', prompt: 'x', verdicts: { [hash]: { ana: { ...verdict, grade: 'pass' } } } }, `verdicts.${hash}.ana.grade`, 'hard'],
    [{ specificationVersion: 'promptpack.reviews/v1', prompt: 'x', verdicts: { [hash]: { ' ana': verdict } } }, `verdicts.${hash}. ana`, '" ana" is not a reviewer name (1 to 100 characters, no space around it)'],
    [{ specificationVersion: 'promptpack.reviews/v1', prompt: 'x', verdicts: { [hash]: { ana: { ...verdict, at: 'yesterday' } } } }, `verdicts.${hash}.ana.at`, ''],
  ])('rejects %j at its path', (value, where, words) => {
    const parsed = safeParseReviewsFile(value);
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.error.message).toContain(where);
    expect(parsed.error.message).toContain(words);
  });

  it('says where text is not JSON', () => {
    const parsed = safeParseReviewsFileText('{"verdicts": ');
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.message).toMatch(/reviews\.json.*not JSON.*line 1/);
  });
});

describe('asking for a person in evals.yaml', () => {
  it('takes a human assertion with a rubric, and review / human on a case', () => {
    expect(assertionSchema.safeParse({ type: 'human', rubric: 'Warm, and names the refund amount.' }).success).toBe(true);
    expect(assertionSchema.safeParse({ type: 'human' }).success).toBe(false);
    expect(assertionSchema.safeParse({ type: 'human', rubric: '' }).success).toBe(false);
    const base = { id: 'late-refund', variables: {}, assert: [{ type: 'is-json' }] };
    expect(evalCaseSchema.safeParse({ ...base, review: true }).success).toBe(true);
    expect(evalCaseSchema.safeParse({ ...base, human: { rubric: 'Tone' } }).success).toBe(true);
    expect(evalCaseSchema.safeParse({ ...base, human: { rubric: 'Tone', weight: 2 } }).success).toBe(false);
  });

  it('defaults pendingCountsAs to fail and accepts only pass or fail', () => {
    expect(thresholdsSchema.parse({ human: {} }).human).toEqual({ pendingCountsAs: 'fail' });
    expect(thresholdsSchema.parse({}).human).toBeUndefined();
    expect(thresholdsSchema.safeParse({ human: { pendingCountsAs: 'skip' } }).success).toBe(false);
  });
});
