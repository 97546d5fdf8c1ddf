import { diffLines, diffWordsWithSpace, type Change } from 'diff';
import { compareText } from '../impact/compare-text.js';

/** A run of one line's text, marked when it is what changed on that side (removed on an old line, added on a new one). */
export interface Segment {
  text: string;
  changed: boolean;
}

export interface DiffLine {
  kind: 'context' | 'removed' | 'added';
  /** 1-based line number in the old text (context and removed lines). */
  oldLine?: number;
  /** 1-based line number in the new text (context and added lines). */
  newLine?: number;
  /** The line without its line break. */
  text: string;
  /**
   * Word-level detail of a removed or added line paired with a rewritten
   * counterpart: the segments cover the line including its line break, so a
   * changed line break is a changed segment. Absent on context lines and on
   * lines with nothing in common with the other side.
   */
  segments?: Segment[];
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export interface TextDiff {
  /** Lines changed, counting a rewritten line once (as `promptpack check` counts them). */
  changedLines: number;
  added: number;
  removed: number;
  /** True when the texts differ only in spaces, tabs and line breaks: the words are the same. */
  whitespaceOnly: boolean;
  hunks: Hunk[];
}

export interface DiffTextOptions {
  /** Unchanged lines shown around each change. Default 3; Infinity shows the whole text. */
  context?: number;
}

/**
 * A line diff of two texts with word-level detail inside rewritten lines;
 * undefined when the texts are identical. Every character counts: a change
 * of spaces or line breaks is a change, flagged `whitespaceOnly` so a reader
 * is told rather than shown nothing.
 */
export function diffText(before: string, after: string, options: DiffTextOptions = {}): TextDiff | undefined {
  const summary = compareText(before, after);
  if (!summary) return undefined;
  const rows = lineRows(diffLines(before, after));
  for (const block of changedBlocks(rows)) addWordDetail(block);
  return {
    changedLines: summary.lines,
    added: rows.filter((row) => row.kind === 'added').length,
    removed: rows.filter((row) => row.kind === 'removed').length,
    whitespaceOnly: summary.whitespaceOnly,
    hunks: hunks(rows, options.context ?? 3),
  };
}

interface Row extends DiffLine {
  /** The line with its line break, as the word diff sees it. */
  raw: string;
}

function lineRows(changes: readonly Change[]): Row[] {
  const rows: Row[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const change of changes) {
    for (const raw of splitLines(change.value)) {
      const text = raw.replace(/\r?\n$/, '');
      if (change.added) rows.push({ kind: 'added', newLine: newLine++, text, raw });
      else if (change.removed) rows.push({ kind: 'removed', oldLine: oldLine++, text, raw });
      else rows.push({ kind: 'context', oldLine: oldLine++, newLine: newLine++, text, raw });
    }
  }
  return rows;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Runs of consecutive removed and added lines: a rewritten passage. */
function changedBlocks(rows: readonly Row[]): Array<{ removed: Row[]; added: Row[] }> {
  const blocks: Array<{ removed: Row[]; added: Row[] }> = [];
  let current: { removed: Row[]; added: Row[] } | undefined;
  for (const row of rows) {
    if (row.kind === 'context') {
      current = undefined;
      continue;
    }
    if (!current) blocks.push((current = { removed: [], added: [] }));
    current[row.kind].push(row);
  }
  return blocks.filter((block) => block.removed.length > 0 && block.added.length > 0);
}

// Below this share of characters in common, word highlights are noise: the
// passage was replaced, not edited, and whole-line marks say that better.
const minimumShared = 0.3;

/** Diffs a rewritten passage word by word, then cuts the result back into its lines. */
function addWordDetail(block: { removed: Row[]; added: Row[] }): void {
  const before = block.removed.map((row) => row.raw).join('');
  const after = block.added.map((row) => row.raw).join('');
  const words = diffWordsWithSpace(before, after);
  const shared = words.filter((word) => !word.added && !word.removed).reduce((sum, word) => sum + word.value.length, 0);
  if (shared / Math.max(before.length, after.length) < minimumShared) return;
  assign(block.removed, words.filter((word) => !word.added).map((word) => ({ text: word.value, changed: word.removed })));
  assign(block.added, words.filter((word) => !word.removed).map((word) => ({ text: word.value, changed: word.added })));
}

function assign(rows: readonly Row[], segments: readonly Segment[]): void {
  let index = 0;
  let current: Segment[] = [];
  const close = () => {
    const row = rows[index++];
    if (row) row.segments = merge(current);
    current = [];
  };
  for (const segment of segments) {
    // A segment may span line breaks; each piece ending in one closes a line.
    for (const piece of segment.text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      current.push({ text: piece, changed: segment.changed });
      if (piece.endsWith('\n')) close();
    }
  }
  if (current.length > 0) close();
}

/**
 * Joins neighbours of the same kind, and reads a lone space between two
 * changes as part of them: `brief{+, kind+} and`, not `brief{+,+} {+kind+} and`.
 */
function merge(segments: readonly Segment[]): Segment[] {
  const absorbed = segments.map((segment, index) => {
    const between = !segment.changed && /^[ \t]+$/.test(segment.text) && segments[index - 1]?.changed && segments[index + 1]?.changed;
    return between ? { ...segment, changed: true } : segment;
  });
  const merged: Segment[] = [];
  for (const segment of absorbed) {
    const last = merged.at(-1);
    if (last && last.changed === segment.changed) last.text += segment.text;
    else if (segment.text !== '') merged.push({ ...segment });
  }
  return merged;
}

function hunks(rows: readonly Row[], context: number): Hunk[] {
  const changed = rows.flatMap((row, index) => (row.kind === 'context' ? [] : [index]));
  const ranges: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(rows.length - 1, index + context);
    const last = ranges.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges.map(([start, end]) => {
    const lines = rows.slice(start, end + 1).map(({ raw: _raw, ...line }) => line);
    const oldNumbers = lines.flatMap((line) => (line.oldLine === undefined ? [] : [line.oldLine]));
    const newNumbers = lines.flatMap((line) => (line.newLine === undefined ? [] : [line.newLine]));
    return {
      oldStart: oldNumbers[0] ?? firstNumberBefore(rows, start, 'oldLine'),
      oldLines: oldNumbers.length,
      newStart: newNumbers[0] ?? firstNumberBefore(rows, start, 'newLine'),
      newLines: newNumbers.length,
      lines,
    };
  });
}

/** For a hunk with no line on one side (pure insertion or deletion): the line it comes after, as unified diffs number it. */
function firstNumberBefore(rows: readonly Row[], start: number, key: 'oldLine' | 'newLine'): number {
  for (let index = start - 1; index >= 0; index--) {
    const value = rows[index]![key];
    if (value !== undefined) return value;
  }
  return 0;
}

/**
 * Changed whitespace made visible, so a reviewer can see what a
 * whitespace-only change is: `·` a space (only in a segment that is nothing
 * but whitespace), `→` a tab, `↵` a line break, `␍` a carriage return, `⍽`
 * any other blank (a non-breaking space).
 */
export function visibleWhitespace(text: string): string {
  const blank = /^\s+$/.test(text);
  return text.replace(/[\s]/g, (char) => {
    if (char === '\n') return '↵';
    if (char === '\r') return '␍';
    if (char === '\t') return '→';
    if (char === ' ') return blank ? '·' : ' ';
    return '⍽';
  });
}

/**
 * The segments of a removed or added line for display. A line with nothing
 * left unchanged is shown whole, unmarked (its line mark says it all); the
 * line break is dropped unless the break alone is what changed.
 */
export function displaySegments(line: DiffLine): Segment[] {
  const segments = line.segments?.some((segment) => !segment.changed && segment.text.trim() !== '') ? line.segments : [{ text: line.text, changed: false }];
  return segments
    .map((segment, index) => {
      const last = index === segments.length - 1;
      const text = last && !/^\s+$/.test(segment.text) ? segment.text.replace(/\r?\n$/, '') : segment.text;
      if (segment.changed) return { text: visibleWhitespace(text), changed: true };
      return { text: last ? text.replace(/\r?\n$/, '') : text, changed: false };
    })
    .filter((segment) => segment.text !== '');
}
