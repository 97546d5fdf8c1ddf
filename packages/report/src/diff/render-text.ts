import { displaySegments, type DiffLine, type PartDiff, type PromptDiff, type TextDiff } from '@promptpack/core';
import { approvalSentence, bumpSentence, endpointLabel, gapBefore, partStatus, partSummaries, partTitles, whitespaceNote } from './wording.js';

export interface RenderTextOptions {
  /** ANSI colours (a terminal); without them, changed words are marked `[-removed-]` and `{+added+}`. */
  color?: boolean;
}

const ansi = { red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', bold: '\x1b[1m', dim: '\x1b[2m', inverse: '\x1b[7m', reset: '\x1b[0m' };

/** The diff for a terminal or a log: header, summary table, then each changed part. */
export function renderDiffText(diff: PromptDiff, options: RenderTextOptions = {}): string {
  const color = options.color ?? false;
  const paint = painter(color);
  const out: string[] = [];
  out.push(paint(ansi.bold, `promptpack diff ${diff.id} (${diff.package})${diff.only ? `, ${diff.only} only` : ''}`));
  for (const [name, side] of [['from', diff.from], ['to', diff.to]] as const) {
    out.push(`  ${name.padEnd(4)}  ${endpointLabel(side)}: ${side.source}`);
    out.push(`        policy hash ${side.policyHash}, ${approvalSentence(side)}`);
    for (const note of side.notes) out.push(`        note: ${note}`);
  }
  out.push('');
  if (!diff.only) {
    out.push(paint(ansi.bold, bumpSentence(diff.bump)));
    const width = Math.max(...diff.parts.map((part) => part.part.length));
    const statusWidth = Math.max(...diff.parts.map((part) => partStatus(part).length));
    for (const part of diff.parts) {
      const [first = '', ...rest] = partSummaries(part);
      out.push(`  ${part.part.padEnd(width)}  ${partStatus(part).padEnd(statusWidth)}  ${(part.bump === 'none' ? '' : part.bump).padEnd(5)}  ${first}`.trimEnd());
      for (const summary of rest) out.push(`  ${''.padEnd(width + statusWidth + 9)}${summary}`);
    }
    out.push('');
  }
  const changed = diff.parts.filter((part) => part.changed);
  if (changed.length === 0) out.push(diff.only ? `The ${diff.only} did not change.` : 'Nothing changed.');
  for (const part of changed) out.push(...renderPart(part, color), '');
  if (diff.otherChangedParts.length > 0) out.push(`Also changed, not shown: ${diff.otherChangedParts.join(', ')}.`);
  return `${out.join('\n').trimEnd()}\n`;
}

function painter(color: boolean) {
  return (code: string, text: string) => (color ? `${code}${text}${ansi.reset}` : text);
}

function renderPart(part: PartDiff, color: boolean): string[] {
  const paint = painter(color);
  const out = [paint(ansi.bold, `── ${partTitles[part.part]}${part.bump === 'none' ? '' : ` · ${part.bump}`} ──`)];
  for (const summary of partSummaries(part)) out.push(`  ${summary}`);
  if (part.text?.whitespaceOnly) out.push(paint(ansi.bold, `  NOTE: ${whitespaceNote(part.part)}`));
  if (part.text) out.push(...renderTextDiff(part.text, color));
  return out;
}

/** A unified diff with line numbers; changed words highlighted (colour) or marked (plain). */
export function renderTextDiff(text: TextDiff, color: boolean): string[] {
  const paint = painter(color);
  const out: string[] = [];
  text.hunks.forEach((hunk, index) => {
    const skipped = gapBefore(text.hunks, index);
    if (skipped > 0) out.push(paint(ansi.dim, `  ⋯ ${skipped} unchanged ${skipped === 1 ? 'line' : 'lines'}`));
    out.push(paint(ansi.cyan, `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`));
    for (const line of hunk.lines) out.push(renderLine(line, color));
  });
  return out;
}

function renderLine(line: DiffLine, color: boolean): string {
  const paint = painter(color);
  const number = `${String(line.oldLine ?? '').padStart(4)} ${String(line.newLine ?? '').padStart(4)}`;
  if (line.kind === 'context') return paint(ansi.dim, `${number}   `) + line.text;
  const [sign, tone, open, close] = line.kind === 'removed' ? ['-', ansi.red, '[-', '-]'] : ['+', ansi.green, '{+', '+}'];
  const body = displaySegments(line)
    .map((segment) => {
      if (!segment.changed) return segment.text;
      return !color ? `${open}${segment.text}${close}` : `${ansi.inverse}${segment.text}${ansi.reset}${tone}`;
    })
    .join('');
  return paint(tone, `${number} ${sign} ${body}`);
}
