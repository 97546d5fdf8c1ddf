import { type Comparison, deltaPoints } from './compare.js';
import { escapeInline, fence } from './markdown.js';
import { percent, tiers } from './summarize.js';

/** The side-by-side report as markdown: rates per tier for both versions, then each case that changed. */
export function renderCompareMarkdown(comparison: Comparison): string {
  const { before, after, counts } = comparison;
  const lines = [`# Evals compared: ${comparison.prompt.name} ${before.label} → ${after.label}`, ''];
  lines.push(
    `${after.result.provider} / ${after.result.model} · ${comparison.cases.length} cases · ${counts.regressed} regressed, ${counts.improved} improved, ${counts.new} new, ${counts.removed} removed, ${counts.unchanged} unchanged`,
    '',
  );
  lines.push(`| tier | hard-pass ${before.label} | hard-pass ${after.label} | Δ | pass ${before.label} | pass ${after.label} | Δ |`, '|---|--:|--:|--:|--:|--:|--:|');
  for (const tier of tiers) {
    const a = before.summary.tiers[tier];
    const b = after.summary.tiers[tier];
    if (a.count === 0 && b.count === 0) continue;
    lines.push(`| ${tier} | ${percent(a.hardPassRate)} | ${percent(b.hardPassRate)} | ${deltaPoints(a.hardPassRate, b.hardPassRate)} | ${percent(a.passRate)} | ${percent(b.passRate)} | ${deltaPoints(a.passRate, b.passRate)} |`);
  }
  lines.push('', '| case | tier | ' + `${before.label} | ${after.label} | change |`, '|---|---|---|---|---|');
  for (const c of comparison.cases) {
    lines.push(`| \`${c.id}\` | ${c.tier} | ${c.before?.outcome ?? '—'} | ${c.after?.outcome ?? '—'} | ${c.change}${c.change === 'unchanged' && c.outputChanged ? ' (output differs)' : ''} |`);
  }
  const changed = comparison.cases.filter((c) => c.change !== 'unchanged');
  if (changed.length > 0) lines.push('', '## Changed cases');
  for (const c of changed) {
    lines.push('', `### \`${c.id}\`: ${c.before?.outcome ?? 'absent'} → ${c.after?.outcome ?? 'absent'} (${c.change})`);
    for (const [label, sideOf] of [
      [before.label, c.before],
      [after.label, c.after],
    ] as const) {
      if (!sideOf) continue;
      lines.push('', `**${label}**${sideOf.reasons.length > 0 ? ':' : ''}`);
      for (const reason of sideOf.reasons) lines.push(`- ${escapeInline(reason)}`);
      if (sideOf.output) lines.push('', fence(sideOf.output));
      if (sideOf.toolCalls) lines.push('', 'tool calls:', '', fence(sideOf.toolCalls));
      if (!sideOf.output && !sideOf.toolCalls) lines.push('', '_no answer_');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
