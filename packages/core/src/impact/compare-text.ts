export interface TextChange {
  /** Lines changed, counting a modified line once (a hunk of 2 removed and 3 added lines is 3). */
  lines: number;
  /** True when the texts differ only in spaces, tabs and line breaks. */
  whitespaceOnly: boolean;
}

/** How two versions of a text file differ; undefined when they are identical. */
export function compareText(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  return { lines: changedLines(before.split(/\r?\n/), after.split(/\r?\n/)), whitespaceOnly: squash(before) === squash(after) };
}

/** `policy text changed (3 lines)`, with "whitespace only" spelled out: a reviewer must still see it. */
export function describeTextChange(what: string, change: TextChange): string {
  const lines = `${change.lines} ${change.lines === 1 ? 'line' : 'lines'}`;
  return `${what} changed${change.whitespaceOnly ? ', whitespace only' : ''} (${lines})`;
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// Beyond this many lines per side the quadratic LCS table gets big; a
// positional count is a fine approximation for a summary line.
const lcsLimit = 4000;

function changedLines(before: readonly string[], after: readonly string[]): number {
  // Common head and tail are unchanged; only the middle needs a real diff.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const a = before.slice(start, endBefore);
  const b = after.slice(start, endAfter);
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  if (a.length > lcsLimit || b.length > lcsLimit) return Math.max(a.length, b.length);
  return hunkSizes(a, b);
}

/** Walks an LCS alignment and sums, per run of differences, the larger of removed and added lines. */
function hunkSizes(a: readonly string[], b: readonly string[]): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table = new Uint32Array(rows * columns);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * columns + j] = a[i] === b[j] ? table[(i + 1) * columns + j + 1]! + 1 : Math.max(table[(i + 1) * columns + j]!, table[i * columns + j + 1]!);
    }
  }
  let total = 0;
  let removed = 0;
  let added = 0;
  const flush = () => {
    total += Math.max(removed, added);
    removed = 0;
    added = 0;
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j < b.length && (i === a.length || table[i * columns + j + 1]! >= table[(i + 1) * columns + j]!)) {
      added++;
      j++;
    } else {
      removed++;
      i++;
    }
  }
  flush();
  return total;
}
