export interface UnifiedDiffOptions {
  /** Label of the old side, after `--- `. */
  from: string;
  /** Label of the new side, after `+++ `. */
  to: string;
  /** Unchanged lines shown around each change (default 3, as `diff -u`). */
  context?: number;
}

type Edit = { kind: ' ' | '-' | '+'; text: string };

/**
 * A line-based unified diff (`diff -u` format) of two texts; the empty
 * string when they are equal. Every character counts: a line that differs
 * only in trailing spaces is a change, and a missing final newline is
 * marked as `diff` marks it.
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const edits = diffLines(splitLines(before), splitLines(after));
  const lines = [`--- ${options.from}`, `+++ ${options.to}`];
  for (const hunk of hunks(edits, context)) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldCount)} +${range(hunk.newStart, hunk.newCount)} @@`);
    for (const edit of hunk.edits) {
      lines.push(`${edit.kind}${edit.text.replace(/\n$/, '')}`);
      if (!edit.text.endsWith('\n')) lines.push('\\ No newline at end of file');
    }
  }
  return `${lines.join('\n')}\n`;
}

// Lines keep their line break, so "text" and "text\n" (a final newline added) differ.
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const rows = middleA.length + 1;
  const columns = middleB.length + 1;
  // Policies are a few hundred lines at most, so the quadratic LCS table is small.
  const table = new Uint32Array(rows * columns);
  for (let i = middleA.length - 1; i >= 0; i--) {
    for (let j = middleB.length - 1; j >= 0; j--) {
      table[i * columns + j] = middleA[i] === middleB[j] ? table[(i + 1) * columns + j + 1]! + 1 : Math.max(table[(i + 1) * columns + j]!, table[i * columns + j + 1]!);
    }
  }
  const edits: Edit[] = a.slice(0, start).map((text) => ({ kind: ' ', text }));
  let i = 0;
  let j = 0;
  while (i < middleA.length || j < middleB.length) {
    if (i < middleA.length && j < middleB.length && middleA[i] === middleB[j]) {
      edits.push({ kind: ' ', text: middleA[i]! });
      i++;
      j++;
    } else if (i < middleA.length && (j === middleB.length || table[(i + 1) * columns + j]! >= table[i * columns + j + 1]!)) {
      edits.push({ kind: '-', text: middleA[i]! });
      i++;
    } else {
      edits.push({ kind: '+', text: middleB[j]! });
      j++;
    }
  }
  for (const text of a.slice(endA)) edits.push({ kind: ' ', text });
  return edits;
}

interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  edits: Edit[];
}

function hunks(edits: readonly Edit[], context: number): Hunk[] {
  const changed = edits.flatMap((edit, index) => (edit.kind === ' ' ? [] : [index]));
  const result: Hunk[] = [];
  let index = 0;
  while (index < changed.length) {
    const first = changed[index]!;
    let last = first;
    // Changes closer than twice the context share one hunk, as diff -u does.
    while (index + 1 < changed.length && changed[index + 1]! - last <= 2 * context + 1) last = changed[++index]!;
    index++;
    const from = Math.max(0, first - context);
    const to = Math.min(edits.length, last + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (const edit of edits.slice(0, from)) {
      if (edit.kind !== '+') oldLine++;
      if (edit.kind !== '-') newLine++;
    }
    const slice = edits.slice(from, to);
    const oldCount = slice.filter((edit) => edit.kind !== '+').length;
    const newCount = slice.filter((edit) => edit.kind !== '-').length;
    result.push({ oldStart: oldCount === 0 ? oldLine - 1 : oldLine, oldCount, newStart: newCount === 0 ? newLine - 1 : newLine, newCount, edits: slice });
  }
  return result;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
