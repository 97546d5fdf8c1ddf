import { type CaseSide, type Comparison, deltaPoints } from './compare.js';
import { card, outputBlock, reasonList } from './html.js';
import { html, type Html } from '../html/html.js';
import { htmlPage } from '../html/page.js';
import { outcomeBadge } from './outcome-badge.js';
import { evalStyles } from './styles.js';
import { percent, tiers } from './summarize.js';

/**
 * The side-by-side page: rates of both versions, then one card per case with
 * both outputs next to each other and what changed (regressions first).
 */
export function renderCompareHtml(comparison: Comparison): string {
  const { before, after, counts } = comparison;
  const a = before.summary.tiers.blocking;
  const b = after.summary.tiers.blocking;
  const rows = tiers
    .filter((tier) => before.summary.tiers[tier].count + after.summary.tiers[tier].count > 0)
    .map((tier) => {
      const x = before.summary.tiers[tier];
      const y = after.summary.tiers[tier];
      return html`<tr><td>${tier}</td><td class="num">${percent(x.hardPassRate)}</td><td class="num">${percent(y.hardPassRate)}</td><td class="num">${delta(x.hardPassRate, y.hardPassRate)}</td><td class="num">${percent(x.passRate)}</td><td class="num">${percent(y.passRate)}</td><td class="num">${delta(x.passRate, y.passRate)}</td></tr>`;
    });
  const cases = comparison.cases.map(
    (c) => html`<section class="case ${c.change}">
<div class="case-head"><code>${c.id}</code> <span class="tag">${c.tier}</span> ${outcomeBadge(c.before?.outcome)} → ${outcomeBadge(c.after?.outcome)}<span class="change ${c.change}">${c.change}${c.change === 'unchanged' && c.outputChanged ? ' · output differs' : ''}</span></div>
<div class="sides">${sidePanel(before.label, c.before)}${sidePanel(after.label, c.after)}</div>
</section>`,
  );
  const body = html`<h1>${comparison.prompt.name}: ${before.label} → ${after.label}</h1>
<p class="meta">${after.result.provider} / ${after.result.model} · the same ${comparison.cases.length} cases on both versions · ${before.result.repeats} repeats</p>
<div class="cards">
${card('blocking hard-pass', `${percent(a.hardPassRate)} → ${percent(b.hardPassRate)}`, delta(a.hardPassRate, b.hardPassRate))}
${card('blocking pass', `${percent(a.passRate)} → ${percent(b.passRate)}`, delta(a.passRate, b.passRate))}
${card('regressed', String(counts.regressed), 'cases with a worse outcome')}
${card('improved', String(counts.improved), 'cases with a better outcome')}
${card('unchanged', String(counts.unchanged), `${counts.new} new, ${counts.removed} removed`)}
</div>
<h2>Rates per tier</h2>
<table><thead><tr><th>tier</th><th class="num">hard-pass ${before.label}</th><th class="num">hard-pass ${after.label}</th><th class="num">Δ</th><th class="num">pass ${before.label}</th><th class="num">pass ${after.label}</th><th class="num">Δ</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Cases</h2>
${cases}`;
  return htmlPage({ title: `Evals compared: ${comparison.prompt.name} ${before.label} → ${after.label}`, generator: 'promptpack eval', styles: evalStyles, body });
}

function sidePanel(label: string, side: CaseSide | undefined): Html {
  if (!side) return html`<div class="side"><h3>${label}</h3><p class="empty">not in this version's cases</p></div>`;
  return html`<div class="side"><h3>${label} ${outcomeBadge(side.outcome)}</h3>${reasonList(side.reasons)}${outputBlock(side.output, side.toolCalls)}</div>`;
}

function delta(before: number, after: number): Html {
  const text = deltaPoints(before, after);
  return html`<span class="${after > before ? 'up' : after < before ? 'down' : 'flat'}">${text}</span>`;
}
