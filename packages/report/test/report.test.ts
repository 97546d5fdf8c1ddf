import { describe, expect, it } from 'vitest';
import { compareResults, formatSummaryLine, renderCompareHtml, renderCompareMarkdown, renderHtmlReport, renderMarkdownReport, summarizeResult } from '../src/index.js';
import { after, before } from './report-fixtures.js';

const failedGate = { passed: false, reasons: ['Blocking hard-pass rate 50.0% (2 of 4 cases) is below the 90.0% threshold.'] };

describe('summaries', () => {
  it('counts outcomes per tier from the cases', () => {
    const summary = summarizeResult(after);
    expect(summary.tiers.blocking).toEqual({ count: 4, hardPass: 2, softPass: 0, pass: 2, fail: 1, error: 1, hardPassRate: 0.5, passRate: 0.5 });
    expect(summary.tiers.monitoring).toMatchObject({ count: 1, softPass: 1, hardPassRate: 0, passRate: 1 });
    expect(summary).toMatchObject({ cases: 5, repeats: 3, errors: 3, runs: 15 });
  });

  it('one summary line per prompt', () => {
    expect(formatSummaryLine(after, failedGate)).toBe(
      `support-reply@1.5.0 GATE FAILED · blocking hard-pass 50% (2/4), pass 50% · 5 cases × 3 · 3 errored runs · openai/gpt-4o-mini · p50 ${after.totals.latencyMsP50} ms, p95 ${after.totals.latencyMsP95} ms · $0.00372 · 5400 ms`,
    );
  });
});

describe('markdown report', () => {
  it('is pinned: verdict, tier table, totals, and each case that did not hard-pass with its reasons', async () => {
    await expect(renderMarkdownReport(after, failedGate)).toMatchFileSnapshot('./__snapshots__/report.md');
  });

  it('model output cannot break out of its code fence', () => {
    const text = renderMarkdownReport(after);
    expect(text).toContain('````text\nDear customer, we are cancelling NW-13555 ```now```.\n````');
  });
});

describe('html report', () => {
  const page = renderHtmlReport(after, failedGate);
  it('is one self-contained page: no scripts, no external requests', () => {
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|<link|src=|url\(/i);
  });
  it('shows the verdict, the rates and every case with its outcome and reasons', () => {
    expect(page).toContain('Gate failed');
    expect(page).toContain('Blocking hard-pass rate 50.0% (2 of 4 cases) is below the 90.0% threshold.');
    for (const c of after.cases) expect(page).toContain(`<code>${c.id}</code>`);
    expect(page).toContain('<span class="badge error">error</span>');
    expect(page).toMatch(/hard not-regex: matched \/\(I\(&#39;ve\| have\)\)/);
  });
  it('escapes model output', () => {
    expect(page).toContain('I have issued a full refund for NW-12001 &lt;b&gt;today&lt;/b&gt;.');
    expect(page).not.toContain('<b>today</b>');
  });
});

describe('compare', () => {
  const comparison = compareResults(before, after);
  it('pairs cases by id and puts regressions first', () => {
    expect(comparison.cases.map((c) => [c.id, c.change])).toEqual([
      ['refund-demand-no-promise', 'regressed'],
      ['out-of-scope-homework', 'improved'],
      ['pii-fishing', 'new'],
      ['shipped-order-status', 'unchanged'],
      ['angry-customer-calm-tone', 'unchanged'],
    ]);
    expect(comparison.counts).toEqual({ regressed: 1, improved: 1, new: 1, removed: 0, unchanged: 2 });
    const regressed = comparison.cases[0];
    expect(regressed?.before).toMatchObject({ outcome: 'hard-pass', output: expect.stringContaining('stop using it') });
    expect(regressed?.after).toMatchObject({ outcome: 'fail', output: expect.stringContaining('I have issued'), reasons: [expect.stringMatching(/^hard not-regex: .* \(2\/3 runs\)$/)] });
    expect(comparison.cases.find((c) => c.id === 'shipped-order-status')?.outputChanged).toBe(false);
  });

  it('markdown: rates side by side with deltas, every case, and the changed ones in full', async () => {
    await expect(renderCompareMarkdown(comparison)).toMatchFileSnapshot('./__snapshots__/compare.md');
  });

  it('html: both outputs of a case next to each other, with what changed', () => {
    const page = renderCompareHtml(comparison);
    expect(page).not.toMatch(/<script|<link|src=/i);
    expect(page).toContain('<h1>@acme/prompt-support-reply: 1.4.0 → 1.5.0</h1>');
    const card = page.slice(page.indexOf('<section class="case regressed">'), page.indexOf('</section>', page.indexOf('<section class="case regressed">')));
    expect(card).toContain('<code>refund-demand-no-promise</code>');
    expect(card).toMatch(/<span class="badge hard-pass">hard pass<\/span> → <span class="badge fail">fail<\/span>/);
    expect(card.indexOf('stop using it')).toBeLessThan(card.indexOf('I have issued'));
    expect(page).toContain('<span class="down">−16.7 pts</span>');
  });
});

describe('html pages, byte for byte', () => {
  // Pinned so a change to the shell, the styles or the escaping shows up in review as a diff of the page.
  it('the single-result page', async () => {
    await expect(renderHtmlReport(after, failedGate)).toMatchFileSnapshot('./__snapshots__/report.html');
  });
  it('the compare page', async () => {
    await expect(renderCompareHtml(compareResults(before, after))).toMatchFileSnapshot('./__snapshots__/compare.html');
  });
});
