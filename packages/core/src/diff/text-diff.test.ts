import { describe, expect, it } from 'vitest';
import { diffText, displaySegments, visibleWhitespace } from './text-diff.js';

describe('diffText', () => {
  it('is undefined for identical texts', () => {
    expect(diffText('a\nb\n', 'a\nb\n')).toBeUndefined();
  });

  it('numbers lines on both sides and keeps 3 lines of context', () => {
    const before = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join('\n');
    const diff = diffText(before, before.replace('line 5', 'line five'))!;
    expect(diff.hunks).toHaveLength(1);
    expect(diff.hunks[0]).toMatchObject({ oldStart: 2, oldLines: 7, newStart: 2, newLines: 7 });
    expect(diff.hunks[0]!.lines.map((line) => `${line.kind} ${line.oldLine ?? '-'} ${line.newLine ?? '-'}`)).toEqual([
      'context 2 2',
      'context 3 3',
      'context 4 4',
      'removed 5 -',
      'added - 5',
      'context 6 6',
      'context 7 7',
      'context 8 8',
    ]);
  });

  it('marks the changed words of a rewritten line, a lone space between changes included', () => {
    const diff = diffText('Be brief and accurate.\n', 'Be brief, kind and accurate.\n')!;
    const added = diff.hunks[0]!.lines.find((line) => line.kind === 'added')!;
    expect(displaySegments(added)).toEqual([
      { text: 'Be brief', changed: false },
      { text: ', kind ', changed: true },
      { text: 'and accurate.', changed: false },
    ]);
  });

  it('shows a replaced passage as whole lines, not as word noise', () => {
    const diff = diffText('Refunds are never promised.\n', 'Greet the customer by name.\n')!;
    expect(diff.hunks[0]!.lines.every((line) => line.segments === undefined || line.kind === 'context')).toBe(true);
  });

  it('flags whitespace-only changes and makes the changed blanks visible', () => {
    const diff = diffText('a b\n', 'a  b')!;
    expect(diff.whitespaceOnly).toBe(true);
    const [removed, added] = diff.hunks[0]!.lines;
    expect(displaySegments(removed!).map((segment) => (segment.changed ? `[${segment.text}]` : segment.text)).join('')).toBe('a[·]b[↵]');
    expect(displaySegments(added!).map((segment) => (segment.changed ? `[${segment.text}]` : segment.text)).join('')).toBe('a[··]b');
    expect(visibleWhitespace('\t\r\n\u00a0')).toBe('→␍↵⍽');
  });
});
