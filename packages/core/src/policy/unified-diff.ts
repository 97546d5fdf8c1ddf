import { structuredPatch } from 'diff';

export interface UnifiedDiffOptions {
  /** Label of the old side, after `--- `. */
  from: string;
  /** Label of the new side, after `+++ `. */
  to: string;
  /** Unchanged lines shown around each change (default 3, as `diff -u`). */
  context?: number;
}

/**
 * A line-based unified diff (`diff -u` format) of two texts; the empty
 * string when they are equal. Every character counts: a line that differs
 * only in trailing spaces is a change, and a missing final newline is
 * marked as `diff` marks it. The line matching is jsdiff's (the same library
 * `promptpack diff` uses); only the layout is ours, without jsdiff's
 * `Index:`/`===` banner.
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions): string {
  if (before === after) return '';
  const patch = structuredPatch(options.from, options.to, before, after, undefined, undefined, { context: options.context ?? 3 });
  const lines = [`--- ${options.from}`, `+++ ${options.to}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
