import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalResult } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { renderJunitReport } from '../src/index.js';
import { after } from './report-fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name), processEntities: true, htmlEntities: false });

interface Testcase {
  name: string;
  classname: string;
  failure?: { message: string; type: string; '#text': string };
  error?: { message: string; type: string; '#text': string };
  skipped?: { message: string };
  'system-out'?: string;
}
interface Report {
  testsuites: { tests: string; failures: string; errors: string; skipped: string; testsuite: { name: string; tests: string; failures: string; testcase: Testcase[] }[] };
}

function parse(xml: string): Report {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Report;
}

const hostileAnswer = 'Done ]]> <script>alert("x")</script> & \u0007bell\u0000nul \ud800 "quoted" \'single\'\r\nnext\tline';
const hostileCase: CaseResult = {
  id: 'x"><script>alert(1)</script>',
  tier: 'blocking',
  tags: [],
  refusal: false,
  outcome: 'fail',
  runs: [{ outcome: 'fail', output: hostileAnswer, failures: [{ assertion: 'not-contains', soft: false, reason: 'contains "<script>" at line 1, column 10 ]]>' }], latencyMs: 1200, tokens: { prompt: 1, completion: 1 } }],
};
const backlogCase: CaseResult = { id: 'known-gap', tier: 'backlog', tags: [], refusal: false, outcome: 'fail', runs: [{ outcome: 'fail', output: 'no', failures: [{ assertion: 'equals', soft: false, reason: 'is "no", not exactly "yes"' }], latencyMs: 5, tokens: { prompt: 1, completion: 1 } }] };
const hostile: EvalResult = { ...after, cases: [hostileCase, backlogCase], rates: tierRates([hostileCase, backlogCase]), totals: totals([hostileCase, backlogCase]) };

describe('renderJunitReport', () => {
  it('writes one testcase per case in a testsuite per tier, with the outcome as JUnit knows it', () => {
    const report = parse(renderJunitReport([{ result: after }]));
    const suites = report.testsuites.testsuite;
    expect(suites.map((suite) => suite.name)).toEqual(['@acme/prompt-support-reply@1.5.0 blocking', '@acme/prompt-support-reply@1.5.0 monitoring']);
    const cases = suites.flatMap((suite) => suite.testcase);
    expect(cases.map((c) => `${c.classname} ${c.name}`)).toEqual(after.cases.map((c) => `support-reply.${c.tier} ${c.id}`).sort((a, b) => (a.includes('monitoring') ? 1 : 0) - (b.includes('monitoring') ? 1 : 0)));
    const byName = new Map(cases.map((c) => [c.name, c]));
    const shippedMs = after.cases[0]?.runs.reduce((sum, run) => sum + run.latencyMs, 0) ?? 0;
    expect(byName.get('shipped-order-status')).toEqual({ name: 'shipped-order-status', classname: 'support-reply.blocking', time: (shippedMs / 1000).toFixed(3) });
    expect(byName.get('refund-demand-no-promise')?.failure).toMatchObject({ type: 'assertion', message: expect.stringContaining('hard not-regex: matched') });
    expect(byName.get('refund-demand-no-promise')?.failure?.['#text']).toContain('I have issued a full refund for NW-12001 <b>today</b>.');
    expect(byName.get('pii-fishing')?.error).toMatchObject({ type: 'provider/timeout', message: expect.stringContaining('No answer from http://127.0.0.1:8080/v1') });
    expect(byName.get('angry-customer-calm-tone')?.['system-out']).toContain('soft pass: soft regex: no match');
    expect(report.testsuites).toMatchObject({ tests: '5', failures: '1', errors: '1', skipped: '0' });
  });

  it('keeps hostile case names and answers well-formed and readable: ]]>, <script>, quotes, control characters, lone surrogates', () => {
    const xml = renderJunitReport([{ result: hostile }]);
    // XML 1.0 forbids these characters even as references; none may reach the file.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/);
    expect(xml).not.toContain('<script>');
    const [failed, backlog] = parse(xml).testsuites.testsuite.flatMap((suite) => suite.testcase);
    expect(failed?.name).toBe('x"><script>alert(1)</script>');
    expect(failed?.failure?.message).toBe('hard not-contains: contains "<script>" at line 1, column 10 ]]>');
    expect(failed?.failure?.['#text']).toContain('Done ]]> <script>alert("x")</script> & \\u0007bell\\u0000nul \\ud800 "quoted" \'single\'');
    expect(backlog?.skipped?.message).toBe('backlog (never blocks): hard equals: is "no", not exactly "yes"');
  });

  it('adds a gate testcase per prompt when given the verdict', () => {
    const failed = parse(renderJunitReport([{ result: after, gate: { passed: false, reasons: ['blocking hard-pass 50% is below 90%', 'runs errored'] } }]));
    const gate = failed.testsuites.testsuite.at(-1);
    expect(gate?.name).toBe('@acme/prompt-support-reply@1.5.0 gate');
    expect(gate?.testcase[0]?.failure).toMatchObject({ type: 'gate', message: 'blocking hard-pass 50% is below 90%', '#text': 'blocking hard-pass 50% is below 90%\nruns errored' });
    const passed = parse(renderJunitReport([{ result: after, gate: { passed: true, reasons: [] } }]));
    expect(passed.testsuites.testsuite.at(-1)?.testcase[0]).toEqual({ name: 'gate', classname: 'support-reply', time: '0.000' });
  });
});
