import type { EvalResult } from '@promptpack/spec';
import type { GateVerdict } from './summarize.js';
import { html, type Html } from '../html/html.js';
import { htmlPage } from '../html/page.js';
import { outcomeBadge } from './outcome-badge.js';
import { evalStyles } from './styles.js';
import { toolCallsText } from './tool-calls-text.js';
import { caseReasons, formatMs, formatUsd, percent, representativeRun, summarizeResult, tiers } from './summarize.js';
import { caseGrades, type GradeLine } from './model-grades.js';

/** A self-contained HTML page of one result: verdict, rates per tier, totals, and every case with its output. */
export function renderHtmlReport(result: EvalResult, gate?: GateVerdict): string {
  const summary = summarizeResult(result);
  const blocking = summary.tiers.blocking;
  const verdict = gate
    ? html`<div class="verdict ${gate.passed ? 'passed' : 'failed'}">Gate ${gate.passed ? 'passed' : 'failed'}${
        gate.reasons.length > 0 ? html`<ul>${gate.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : ''
      }</div>`
    : '';
  const rows = tiers
    .filter((tier) => summary.tiers[tier].count > 0)
    .map((tier) => {
      const t = summary.tiers[tier];
      return html`<tr><td>${tier}</td><td class="num">${t.count}</td><td class="num">${t.hardPass}</td><td class="num">${t.softPass}</td><td class="num">${t.fail}</td><td class="num">${t.error}</td><td class="num">${percent(t.hardPassRate)}</td><td class="num">${percent(t.passRate)}</td></tr>`;
    });
  const cases = result.cases.map((c) => {
    const reasons = caseReasons(c);
    const run = representativeRun(c);
    return html`<section class="case">
<div class="case-head"><code>${c.id}</code> <span class="tag">${c.tier}</span>${c.refusal ? html` <span class="tag">refusal</span>` : ''} ${outcomeBadge(c.outcome)}</div>
<div class="side">${reasonList(reasons)}${gradeList(caseGrades(c))}${outputBlock(run?.output, toolCallsText(run?.toolCalls))}</div>
</section>`;
  });
  const body = html`<h1>${result.prompt.name}@${result.prompt.version}</h1>
<p class="meta">${result.provider} / ${result.model} · ${summary.cases} cases × ${result.repeats} repeats · <code>${result.prompt.contentHash}</code></p>
${verdict}
<div class="cards">
${card('blocking hard-pass', percent(blocking.hardPassRate), `${blocking.hardPass} of ${blocking.count} cases`)}
${card('blocking pass', percent(blocking.passRate), 'hard or soft pass')}
${card('errored runs', String(summary.errors), `of ${summary.runs} runs`)}
${card('latency p50 / p95', `${formatMs(result.totals.latencyMsP50)}`, `p95 ${formatMs(result.totals.latencyMsP95)}`)}
${card('cost', result.totals.costUsd === undefined ? 'n/a' : formatUsd(result.totals.costUsd), `${result.totals.tokens.prompt} + ${result.totals.tokens.completion} tokens`)}
</div>
<h2>Tiers</h2>
<table><thead><tr><th>tier</th><th class="num">cases</th><th class="num">hard pass</th><th class="num">soft pass</th><th class="num">fail</th><th class="num">error</th><th class="num">hard-pass rate</th><th class="num">pass rate</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Cases</h2>
${cases}`;
  return htmlPage({ title: `Evals: ${result.prompt.name}@${result.prompt.version}`, generator: 'promptpack eval', styles: evalStyles, body });
}

export function card(label: string, value: string, sub: string | Html): Html {
  return html`<div class="card"><div class="label">${label}</div><div class="value">${value}</div><div class="sub">${sub}</div></div>`;
}

/** The answer's text and its tool calls (toolCallsText); "no answer" only when the model gave neither. */
export function outputBlock(output: string | undefined, calls = ''): Html {
  if (!output && !calls) return html`<p class="empty">no answer</p>`;
  return html`${output ? html`<pre class="output">${output}</pre>` : ''}${calls ? html`<p class="tool-calls-label">tool calls</p><pre class="output tool-calls">${calls}</pre>` : ''}`;
}

/** Model-graded checks, passed or not: the judge's reason and score, or the similarity; all of it escaped by `html`. */
export function gradeList(grades: readonly GradeLine[]): Html | '' {
  if (grades.length === 0) return '';
  return html`<ul class="grades">${grades.map(
    (grade) => html`<li class="${grade.verdict}"><strong>${grade.placement} ${grade.assertion}: ${grade.verdict}</strong>${grade.measure ? `, ${grade.measure}` : ''} <span class="grader">(${grade.grader})</span>: ${grade.reason}</li>`,
  )}</ul>`;
}

/** Failed assertions and errors; soft failures (acceptable paraphrase) are told apart from hard ones. */
export function reasonList(reasons: readonly string[]): Html | '' {
  if (reasons.length === 0) return '';
  return html`<ul class="reasons">${reasons.map((reason) => html`<li${reason.startsWith('soft ') ? html` class="soft"` : ''}>${reason}</li>`)}</ul>`;
}
