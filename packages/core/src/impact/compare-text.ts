import { diffLines } from 'diff';

export interface TextChange {
  /** Lines changed, counting a modified line once (a hunk of 2 removed and 3 added lines is 3). */
  lines: number;
  /** True when the texts differ only in spaces, tabs and line breaks. */
  whitespaceOnly: boolean;
}

/** How two versions of a text file differ; undefined when they are identical. */
export function compareText(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  return { lines: changedLines(before, after), whitespaceOnly: squash(before) === squash(after) };
}

/** `policy text changed (3 lines)`, with "whitespace only" spelled out: a reviewer must still see it. */
export function describeTextChange(what: string, change: TextChange): string {
  const lines = `${change.lines} ${change.lines === 1 ? 'line' : 'lines'}`;
  return `${what} changed${change.whitespaceOnly ? ', whitespace only' : ''} (${lines})`;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Counted from jsdiff's own line diff, the one `check` and `diff` show
 * beside the count: a count from another alignment (a hand-written LCS)
 * can pair lines differently and disagree with the hunks on screen. Per run
 * of changes the larger of removed and added lines, so a rewritten line
 * counts once.
 */
function changedLines(before: string, after: string): number {
  let total = 0;
  let removed = 0;
  let added = 0;
  for (const change of diffLines(before, after)) {
    if (change.added) added += change.count;
    else if (change.removed) removed += change.count;
    else {
      total += Math.max(removed, added);
      removed = 0;
      added = 0;
    }
  }
  return total + Math.max(removed, added);
}
