import { describe, expect, it } from 'vitest';
import { compareText, describeTextChange } from './compare-text.js';

describe('compareText', () => {
  it('is undefined for identical text', () => {
    expect(compareText('a\nb\n', 'a\nb\n')).toBeUndefined();
  });

  it('counts a rewritten line once and sums separate hunks', () => {
    expect(compareText('a\nb\nc\nd\ne', 'a\nB\nc\nd\nE\nF')).toEqual({ lines: 3, whitespaceOnly: false });
  });

  it('treats line endings and indentation as whitespace-only changes, still counted', () => {
    const change = compareText('Be kind.\nBe brief.\n', 'Be kind.\r\n  Be brief.\r\n');
    expect(change).toEqual({ lines: 1, whitespaceOnly: true });
    expect(describeTextChange('policy text', change!)).toBe('policy text changed, whitespace only (1 line)');
  });

  it('counts a final newline added', () => {
    expect(compareText('a', 'a\n')).toEqual({ lines: 1, whitespaceOnly: true });
  });
});
