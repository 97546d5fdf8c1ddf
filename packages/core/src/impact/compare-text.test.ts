import { describe, expect, it } from 'vitest';
import { diffText } from '../diff/text-diff.js';
import { unifiedDiff } from '../policy/unified-diff.js';
import { compareText, describeTextChange } from './compare-text.js';

describe('compareText', () => {
  it('is undefined for identical text', () => {
    expect(compareText('a\nb\n', 'a\nb\n')).toBeUndefined();
  });

  it('counts a rewritten line once and sums separate hunks', () => {
    expect(compareText('a\nb\nc\nd\ne', 'a\nB\nc\nd\nE\nF')).toEqual({ lines: 3, whitespaceOnly: false });
  });

  it('treats line endings and indentation as whitespace-only changes, still counted: both lines, as the diff shows them', () => {
    const change = compareText('Be kind.\nBe brief.\n', 'Be kind.\r\n  Be brief.\r\n');
    expect(change).toEqual({ lines: 2, whitespaceOnly: true });
    expect(describeTextChange('policy text', change!)).toBe('policy text changed, whitespace only (2 lines)');
  });

  // A hand-written LCS paired these lines differently from jsdiff and said 3 beside hunks of 1 and 3 lines.
  it('agrees with the hunks check and diff show beside it', () => {
    const before = 'a\nc\na\n';
    const after = 'a\na\nc\nc\nc\n';
    const shown = unifiedDiff(before, after, { from: 'old', to: 'new', context: 0 });
    // One line removed here, three added there: two hunks, 1 + 3 lines.
    expect(unifiedDiff(before, after, { from: 'old', to: 'new', context: 0 })).toBe('--- old\n+++ new\n@@ -2 +2,0 @@\n-c\n@@ -4,0 +3,3 @@\n+c\n+c\n+c\n');
    expect(compareText(before, after)?.lines).toBe(4);
    expect(diffText(before, after)?.changedLines).toBe(4);
  });

  it('counts a final newline added', () => {
    expect(compareText('a', 'a\n')).toEqual({ lines: 1, whitespaceOnly: true });
  });
});
