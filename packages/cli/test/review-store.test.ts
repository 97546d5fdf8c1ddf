import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReviewsFile } from '@promptpack/spec';
import { readReviews, saveVerdict } from '../src/review/reviews-store.js';
import { hashOf, reviewRepo } from './review-fixture.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function scratchFile(): string {
  const repo = reviewRepo();
  root = repo.root;
  return path.join(repo.promptDir, 'reviews.json');
}

describe('reviews.json', () => {
  it('keeps every verdict when many reviewers save at once (read-merge-write under the lock)', async () => {
    const file = scratchFile();
    const reviewers = Array.from({ length: 12 }, (_, index) => `reviewer-${index}`);
    await Promise.all(reviewers.flatMap((reviewer) => [1, 2].map((n) => saveVerdict(file, 'order-help', { requestHash: hashOf(n), reviewer, grade: 'soft', caseId: `case-${n}`, at: '2026-12-01T10:00:00Z' }))));
    const reviews = parseReviewsFile(JSON.parse(readFileSync(file, 'utf8')));
    expect(Object.keys(reviews.verdicts[hashOf(1)]!).sort()).toEqual([...reviewers].sort());
    expect(Object.keys(reviews.verdicts[hashOf(2)]!)).toHaveLength(12);
  });

  it('replaces a reviewer\'s earlier verdict on the same answer and writes sorted keys', async () => {
    const file = scratchFile();
    await saveVerdict(file, 'order-help', { requestHash: hashOf(2), reviewer: 'ben', grade: 'fail', caseId: 'no-orders', at: '2026-12-01T10:00:00Z' });
    await saveVerdict(file, 'order-help', { requestHash: hashOf(1), reviewer: 'ana', grade: 'fail', caseId: 'basic', at: '2026-12-01T10:00:00Z' });
    await saveVerdict(file, 'order-help', { requestHash: hashOf(1), reviewer: 'ana', grade: 'hard', caseId: 'basic', note: 'fine after all', at: '2026-12-01T10:05:00Z' });
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).verdicts).toEqual({
      [hashOf(1)]: { ana: { grade: 'hard', caseId: 'basic', at: '2026-12-01T10:05:00Z', note: 'fine after all' } },
      [hashOf(2)]: { ben: { grade: 'fail', caseId: 'no-orders', at: '2026-12-01T10:00:00Z' } },
    });
    expect(text.indexOf(hashOf(1))).toBeLessThan(text.indexOf(hashOf(2)));
  });

  it('refuses a broken file with its place instead of overwriting it', async () => {
    const file = scratchFile();
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.reviews/v1', prompt: 'order-help', verdicts: { [hashOf(1)]: { ana: { grade: 'great', caseId: 'basic', at: '2026-12-01T10:00:00Z' } } } }));
    await expect(saveVerdict(file, 'order-help', { requestHash: hashOf(1), reviewer: 'ben', grade: 'hard', caseId: 'basic' })).rejects.toThrow(/reviews\.json.*verdicts\.sha256:1+\.ana\.grade/);
    expect(readFileSync(file, 'utf8')).toContain('great');
  });

  it('refuses the file of another prompt', () => {
    const file = scratchFile();
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.reviews/v1', prompt: 'support-reply', verdicts: {} }));
    expect(() => readReviews(file, 'order-help')).toThrow('holds verdicts of prompt "support-reply", not "order-help"');
  });
});
