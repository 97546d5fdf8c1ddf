import type { TierSummary } from '@promptpack/spec';
import { deltaPoints } from '../eval/compare.js';
import { percent } from '../eval/summarize.js';
import { escapeCommentText as escape } from './escape-comment-text.js';
import type { CaseFlip, EvalChange } from './summarize-eval-change.js';

/**
 * One prompt's before/after eval summary as GitHub markdown, for a pull
 * request comment. Everything that comes from the repository or the model
 * (ids, descriptions, labels, gate reasons) is escaped: a case id with a `|`
 * must not split a table cell, and `<!--` or HTML must not hide or inject
 * content in the comment.
 */
export function renderEvalSummaryMarkdown(change: EvalChange): string {
  const { before, after } = change;
  const verdict = change.verdict.passed ? '✅ gate passed' : '❌ gate failed';
  // The prompt id, not the package name: `@acme/prompt-x` in a comment would read as a mention of a team.
  const lines = [`### ${escape(change.prompt.id)}: ${verdict}`, ''];
  lines.push(
    before
      ? `${escape(before.label)} (${escape(before.model)}) → ${escape(after.label)} (${escape(after.model)})`
      : `No recorded result on the base, so there is nothing to compare with: ${escape(after.label)} (${escape(after.model)}) alone.`,
    '',
  );
  lines.push('| tier | hard-pass before | hard-pass after | Δ | pass before | pass after | Δ |', '|---|--:|--:|--:|--:|--:|--:|');
  for (const { tier, before: then, after: now } of change.tiers) {
    lines.push(`| ${tier} | ${rate(then, 'hardPass')} | ${rate(now, 'hardPass')} | ${points(then, now, 'hardPass')} | ${rate(then, 'pass')} | ${rate(now, 'pass')} | ${points(then, now, 'pass')} |`);
  }
  lines.push('');
  if (!change.verdict.passed) {
    lines.push('**Why the gate failed:**', '');
    for (const reason of change.verdict.reasons) lines.push(`- ${escape(reason)}`);
    lines.push('');
  }
  flipList(lines, 'Passed before, fail now', change.broke);
  flipList(lines, 'Failed before, pass now', change.fixed);
  if (before && change.broke.length === 0 && change.fixed.length === 0) lines.push('No case flipped between passing and failing.', '');
  return `${lines.join('\n').trimEnd()}\n`;
}

type Counted = 'hardPass' | 'pass';

function rate(summary: TierSummary | undefined, which: Counted): string {
  if (!summary) return '—';
  return `${percent(which === 'hardPass' ? summary.hardPassRate : summary.passRate)} (${summary[which]}/${summary.count})`;
}

/** Signed percentage points, e.g. `−12.5 pts`; a dash when the base has no such tier. */
function points(before: TierSummary | undefined, after: TierSummary, which: Counted): string {
  if (!before) return '—';
  return which === 'hardPass' ? deltaPoints(before.hardPassRate, after.hardPassRate) : deltaPoints(before.passRate, after.passRate);
}

function flipList(lines: string[], title: string, flips: readonly CaseFlip[]): void {
  if (flips.length === 0) return;
  lines.push(`**${title} (${flips.length}):**`, '');
  for (const f of flips) {
    const description = f.description ? ` — ${escape(f.description)}` : '';
    lines.push(`- ${escape(f.id)} (${f.tier}): ${f.before} → ${f.after}${description}`);
  }
  lines.push('');
}
