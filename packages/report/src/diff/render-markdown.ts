import { visibleWhitespace, type DiffEndpoint, type PartDiff, type PromptDiff, type TextDiff } from '@promptpack/core';
import { approvalSentence, bumpSentence, endpointLabel, partStatus, partSummaries, partTitles, rewrittenBlocks, whitespaceNote } from './wording.js';

/**
 * The diff as GitHub-flavoured markdown for a pull-request comment: a
 * header table (where each side came from, policy hashes), a summary table,
 * then each changed part as a `diff` block followed by its rewritten lines
 * as redlines (<del>/<ins>), since a code block cannot mark single words.
 */
export function renderDiffMarkdown(diff: PromptDiff): string {
  const out: string[] = [];
  out.push(`### ${diff.only ? `${capitalise(diff.only)} diff` : 'Diff'} of \`${diff.id}\`: ${escape(endpointLabel(diff.from))} → ${escape(endpointLabel(diff.to))}`, '');
  out.push('| | from | to |', '|---|---|---|');
  out.push(`| version | ${escape(diff.from.version)} | ${escape(diff.to.version)} |`);
  out.push(`| read from | ${cell(diff.from.source)} | ${cell(diff.to.source)} |`);
  out.push(`| policy hash (sha256) | \`${diff.from.policyHash.replace(/^sha256:/, '')}\` | \`${diff.to.policyHash.replace(/^sha256:/, '')}\` |`);
  out.push(`| policy approval | ${cell(approvalSentence(diff.from))} | ${cell(approvalSentence(diff.to))} |`);
  out.push('');
  for (const [name, side] of [['from', diff.from], ['to', diff.to]] as const) out.push(...notes(name, side));
  if (diff.from.notes.length + diff.to.notes.length > 0) out.push('');

  if (!diff.only) {
    out.push(`**${bumpSentence(diff.bump)}**`, '');
    out.push('| part | status | release | what changed |', '|---|---|---|---|');
    for (const part of diff.parts) out.push(`| ${part.part} | ${partStatus(part)} | ${part.bump === 'none' ? '–' : part.bump} | ${partSummaries(part).map(cell).join('<br>') || '–'} |`);
    out.push('');
  }
  const changed = diff.parts.filter((part) => part.changed);
  if (changed.length === 0) out.push(diff.only ? `The ${diff.only} did not change.` : 'Nothing changed.', '');
  for (const part of changed) out.push(...renderPart(part, diff.only !== null));
  if (diff.otherChangedParts.length > 0) out.push(`_Also changed, not shown here: ${diff.otherChangedParts.join(', ')}._`, '');
  return `${out.join('\n').trimEnd()}\n`;
}

function renderPart(part: PartDiff, only: boolean): string[] {
  const out = [`#### ${partTitles[part.part]}${part.bump === 'none' ? '' : ` — ${part.bump}`}`, ''];
  const summaries = partSummaries(part);
  if (!only || !part.text) for (const summary of summaries) out.push(`- ${escape(summary)}`);
  else out.push(escape(summaries.join('; ')));
  out.push('');
  if (part.text?.whitespaceOnly) out.push(`> [!IMPORTANT]`, `> ${escape(whitespaceNote(part.part))} Changed spaces and line breaks are shown as · and ↵ below.`, '');
  if (part.text) out.push(...diffBlock(part.text), ...redlines(part.text));
  return out;
}

/** A fenced `diff` block: GitHub colours its - and + lines. */
export function diffBlock(text: TextDiff): string[] {
  const lines: string[] = [];
  for (const hunk of text.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) {
      const sign = line.kind === 'removed' ? '-' : line.kind === 'added' ? '+' : ' ';
      // Whitespace-only edits would be invisible in a code block: mark the changed blanks.
      const body = text.whitespaceOnly && line.segments ? line.segments.map((segment) => (segment.changed ? visibleWhitespace(segment.text) : segment.text.replace(/\r?\n$/, ''))).join('') : line.text;
      lines.push(`${sign}${body}`);
    }
  }
  const fence = '`'.repeat(Math.max(3, ...lines.map((line) => longestRun(line, '`') + 1)));
  return [`${fence}diff`, ...lines, fence, ''];
}

function redlines(text: TextDiff): string[] {
  if (text.whitespaceOnly) return [];
  const blocks = text.hunks.flatMap((hunk) => rewrittenBlocks(hunk));
  if (blocks.length === 0) return [];
  const out = ['Rewritten lines, word by word (<del>removed</del>, <ins>added</ins>):', ''];
  for (const block of blocks) {
    const body = block.segments
      .map((segment) => {
        const shown = escape(segment.text).replace(/\n/g, segment.kind === 'same' ? ' / ' : ' ↵ ');
        return segment.kind === 'removed' ? `<del>${shown}</del>` : segment.kind === 'added' ? `<ins>${shown}</ins>` : shown;
      })
      .join('');
    out.push(`- line ${block.newLine ?? '?'}: ${body}`);
  }
  out.push('');
  return out;
}

function notes(name: string, side: DiffEndpoint): string[] {
  return side.notes.map((note) => `> **Note (${name}):** ${escape(note)}`);
}

function cell(text: string): string {
  return escape(text).replace(/\n/g, '<br>');
}

/** Markdown and HTML metacharacters escaped, so prompt text shows as written and cannot inject markup into a comment. */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]#|~])/g, '\\$1');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function capitalise(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}
