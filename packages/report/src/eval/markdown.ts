import type { EvalResult } from '@promptpack/spec';
import type { GateVerdict } from './summarize.js';
import { toolCallsText } from './tool-calls-text.js';
import { caseReasons, formatMs, formatUsd, percent, representativeRun, summarizeResult, tiers } from './summarize.js';
import { caseGrades } from './model-grades.js';

/**
 * A markdown report for a pull request or a CI job summary: the verdict, a
 * table per tier, totals, then every case that did not hard-pass with why.
 * Deterministic for a given result (no clock, no paths).
 */
export function renderMarkdownReport(result: EvalResult, gate?: GateVerdict): string {
  const summary = summarizeResult(result);
  const lines: string[] = [];
  lines.push(`# Evals: ${result.prompt.name}@${result.prompt.version}`, '');
  lines.push(`${result.provider} / ${result.model} · ${summary.cases} cases × ${result.repeats} repeats · contentHash \`${result.prompt.contentHash}\``, '');
  if (gate) {
    lines.push(gate.passed ? '**Gate: passed**' : '**Gate: FAILED**', '');
    for (const reason of gate.reasons) lines.push(`- ${escapeInline(reason)}`);
    if (gate.reasons.length > 0) lines.push('');
  }
  lines.push('| tier | cases | hard pass | soft pass | fail | error | hard-pass rate | pass rate |', '|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const tier of tiers) {
    const t = summary.tiers[tier];
    if (t.count === 0) continue;
    lines.push(`| ${tier} | ${t.count} | ${t.hardPass} | ${t.softPass} | ${t.fail} | ${t.error} | ${percent(t.hardPassRate)} | ${percent(t.passRate)} |`);
  }
  const { totals } = result;
  lines.push(
    '',
    `Latency p50 ${formatMs(totals.latencyMsP50)}, p95 ${formatMs(totals.latencyMsP95)} · tokens ${totals.tokens.prompt} in, ${totals.tokens.completion} out · cost ${totals.costUsd === undefined ? 'n/a' : formatUsd(totals.costUsd)} · ${summary.errors} errored runs of ${summary.runs}`,
    '',
  );

  const notHard = result.cases.filter((c) => c.outcome !== 'hard-pass');
  lines.push(`## Cases that did not hard-pass (${notHard.length})`, '');
  if (notHard.length === 0) lines.push('None: every case passed all its hard and soft assertions.', '');
  for (const c of notHard) {
    lines.push(`### \`${c.id}\` — ${c.outcome} (${c.tier}${c.refusal ? ', refusal' : ''})`, '');
    for (const reason of caseReasons(c)) lines.push(`- ${escapeInline(reason)}`);
    const run = representativeRun(c);
    if (run?.output) lines.push('', '<details><summary>output</summary>', '', fence(run.output), '', '</details>');
    const calls = toolCallsText(run?.toolCalls);
    if (calls) lines.push('', '<details><summary>tool calls</summary>', '', fence(calls), '', '</details>');
    lines.push('');
  }
  // Passes too: a judge's reason is what makes its verdict checkable.
  const graded = result.cases.map((c) => ({ c, grades: caseGrades(c) })).filter(({ grades }) => grades.length > 0);
  if (graded.length > 0) {
    lines.push(`## Model-graded checks (${graded.length} cases)`, '', '| case | check | verdict | score / similarity | graded by | reason |', '|---|---|---|--:|---|---|');
    for (const { c, grades } of graded) {
      for (const grade of grades) {
        lines.push(`| \`${c.id}\` | ${grade.placement} ${escapeInline(grade.assertion)} | ${grade.verdict} | ${grade.measure} | ${escapeInline(grade.grader)} | ${escapeInline(grade.reason)} |`);
      }
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function escapeInline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** A code fence longer than any run of backticks inside, so model output cannot close it. */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const bar = '`'.repeat(longest + 1);
  return `${bar}text\n${text}\n${bar}`;
}
