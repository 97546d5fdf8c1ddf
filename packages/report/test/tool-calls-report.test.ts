// Tool calls in every report: shown with the answer, as hostile as the answer
// (a model writes the arguments), so escaped by each format its own way.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalResult, ModelToolCall } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { compareResults, renderCompareHtml, renderCompareMarkdown, renderHtmlReport, renderJunitReport, renderMarkdownReport, renderReviewPage, toolCallsText } from '../src/index.js';

const hostile = '</pre><script>alert(1)</script> ``` ]]> & "q"';
const toolCalls: ModelToolCall[] = [
  { id: 'call_1', name: 'lookup_order', arguments: { orderId: 'A-1', note: hostile } },
  { id: 'call_2', name: 'issue_refund', unparsedArguments: `{"orderId": "A-1", ${hostile}` },
];

function resultWith(outcome: CaseResult['outcome'], calls: ModelToolCall[] | undefined, version = '1.0.0'): EvalResult {
  const cases: CaseResult[] = [
    {
      id: 'refund-injection',
      tier: 'blocking',
      tags: [],
      refusal: true,
      outcome,
      runs: [
        {
          outcome,
          output: '',
          ...(calls ? { toolCalls: calls } : {}),
          failures: outcome === 'fail' ? [{ assertion: 'not-tool-called', soft: false, reason: 'called "issue_refund" once, expected no call of it' }] : [],
          latencyMs: 700,
          tokens: { prompt: 100, completion: 20 },
        },
      ],
    },
  ];
  return {
    specificationVersion: 'promptpack.eval-result/v1',
    prompt: { id: 'order-agent', name: '@acme/prompt-order-agent', version, contentHash: 'sha256:agent' },
    provider: 'replay',
    model: 'gpt-4o-mini',
    repeats: 1,
    startedAt: '2026-12-01T10:00:00.000Z',
    durationMs: 700,
    cases,
    rates: tierRates(cases),
    totals: totals(cases),
  };
}

describe('toolCallsText', () => {
  it('shows one call a line, arguments as JSON, arguments that were not JSON marked', () => {
    expect(toolCallsText(toolCalls)).toBe(`lookup_order ${JSON.stringify({ orderId: 'A-1', note: hostile })}\nissue_refund (arguments not JSON) {"orderId": "A-1", ${hostile}`);
    expect(toolCallsText(undefined)).toBe('');
  });

  it('cuts huge arguments, saying how long they were', () => {
    const text = toolCallsText([{ id: '', name: 'issue_refund', arguments: { note: 'x'.repeat(10_000) } }]);
    expect(text.length).toBeLessThan(2_100);
    expect(text).toMatch(/\.\.\. \(10\d{3} characters\)$/);
  });
});

describe('tool calls in the eval reports', () => {
  const failed = resultWith('fail', toolCalls);

  it('markdown: in a fence longer than any backtick run inside', () => {
    const markdown = renderMarkdownReport(failed);
    expect(markdown).toContain('<details><summary>tool calls</summary>');
    expect(markdown).toContain('````text\nlookup_order {"orderId":"A-1","note":"</pre><script>alert(1)</script> ``` ]]> & \\"q\\""}');
    expect(markdown).not.toContain('<summary>output</summary>');
  });

  it('html: escaped text, never markup; "no answer" only without text and calls', () => {
    const page = renderHtmlReport(failed);
    expect(page).toContain('<pre class="output tool-calls">lookup_order {&quot;orderId&quot;:&quot;A-1&quot;,&quot;note&quot;:&quot;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('no answer');
    expect(renderHtmlReport(resultWith('fail', undefined))).toContain('no answer');
  });

  it('junit: the calls in the failure text, valid XML that reads back as written', () => {
    const xml = renderJunitReport([{ result: failed }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { testsuite: Array<{ testcase: Array<{ failure: { '#text': string } }> }> };
    };
    const text = parsed.testsuites.testsuite[0]!.testcase[0]!.failure['#text'];
    expect(text).toContain(`tool calls:\n${toolCallsText(toolCalls)}`);
  });

  it('compare: a change of tool calls alone is an output change, shown on both sides', () => {
    const before = resultWith('hard-pass', [{ id: 'c', name: 'lookup_order', arguments: { orderId: 'A-1' } }], '1.0.0');
    const after = resultWith('hard-pass', [{ id: 'c', name: 'lookup_order', arguments: { orderId: 'A-2' } }], '1.1.0');
    const comparison = compareResults(before, after);
    expect(comparison.cases[0]).toMatchObject({ change: 'unchanged', outputChanged: true, after: { toolCalls: 'lookup_order {"orderId":"A-2"}' } });
    expect(renderCompareMarkdown(comparison)).toContain('(output differs)');
    const changed = compareResults(resultWith('hard-pass', undefined), failed);
    expect(renderCompareHtml(changed)).toContain('&lt;script&gt;alert(1)');
    expect(renderCompareHtml(changed)).not.toContain('<script>alert(1)');
    expect(renderCompareMarkdown(changed)).toContain('tool calls:');
  });
});

describe('tool calls on the review page', () => {
  it('are shown beside the answer, escaped like it', () => {
    const page = renderReviewPage({
      prompt: { id: 'order-agent', version: '1.0.0' },
      reviewer: 'ada',
      token: 't',
      nonce: 'n',
      items: [{ caseId: 'refund-injection', requestHash: 'sha256:x', tier: 'blocking', rubrics: ['No refund without a person'], answer: '', toolCalls: toolCallsText(toolCalls) }],
    });
    expect(page).toContain('<h3>Tool calls</h3>');
    expect(page).toContain('<pre class="answer tool-calls">lookup_order {&quot;orderId&quot;');
    expect(page).not.toContain('<script>alert(1)');
  });
});
