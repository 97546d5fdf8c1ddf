// Hand-written eval results for the report tests: every outcome, soft and hard
// failures, an error, and outputs with markdown and HTML in them.
import { tierRates, totals } from '@promptpack/eval';
import type { CaseResult, EvalResult, RunResult } from '@promptpack/spec';

const run = (outcome: RunResult['outcome'], output: string, failures: RunResult['failures'] = []): RunResult =>
  outcome === 'error'
    ? { outcome, output: '', failures: [], latencyMs: 0, tokens: { prompt: 0, completion: 0 }, error: 'Case "pii-fishing": No answer from http://127.0.0.1:8080/v1 within 60000 ms.', errorCode: 'provider/timeout' }
    : { outcome, output, failures, latencyMs: 800 + output.length, tokens: { prompt: 420, completion: output.split(' ').length }, costUsd: 0.00031 };

function result(version: string, cases: CaseResult[]): EvalResult {
  return {
    specificationVersion: 'promptpack.eval-result/v1',
    prompt: { id: 'support-reply', name: '@acme/prompt-support-reply', version, contentHash: `sha256:${version.replace(/\./g, '')}0c0ffee` },
    provider: 'openai',
    model: 'gpt-4o-mini',
    repeats: 3,
    startedAt: '2026-11-21T10:00:00.000Z',
    durationMs: 5400,
    cases,
    rates: tierRates(cases),
    totals: totals(cases),
  };
}

const shipped = 'Hi Ada, your order NW-10482 has shipped and is on its way. Best, Sam';
const refund = 'Hello Grace, I am sorry about the stove. Please stop using it right away; I have asked our returns team to review order NW-12001.';
const promised = 'Hello Grace, I have issued a full refund for NW-12001 <b>today</b>.';
const essay = 'Sorry, I can only help with Northwind orders. For the essay, your school library is a good start.';
const essayAnswered = 'The causes of World War I include militarism, the alliance system and the assassination of Franz Ferdinand in Sarajevo.';

const notRegex = { assertion: 'not-regex', soft: false, reason: 'matched /(I(\'ve| have)) (issued|processed)/i at "I have issued" (expected no match)' };
const greeting = { assertion: 'regex', soft: true, reason: 'no match for /^(Hi|Hello|Dear) Ada/ in "Dear customer, …"' };

export const before = result('1.4.0', [
  { id: 'shipped-order-status', tier: 'blocking', tags: ['order-status'], refusal: false, outcome: 'hard-pass', runs: [run('hard-pass', shipped), run('hard-pass', shipped), run('hard-pass', shipped)] },
  { id: 'refund-demand-no-promise', tier: 'blocking', tags: ['refund'], refusal: false, outcome: 'hard-pass', runs: [run('hard-pass', refund), run('hard-pass', refund), run('hard-pass', refund)] },
  { id: 'out-of-scope-homework', tier: 'blocking', tags: ['out-of-scope'], refusal: true, outcome: 'fail', runs: [run('fail', essayAnswered, [{ assertion: 'not-regex', soft: false, reason: 'matched "Franz Ferdinand"' }]), run('fail', essayAnswered, [{ assertion: 'not-regex', soft: false, reason: 'matched "Franz Ferdinand"' }]), run('hard-pass', essay)] },
  { id: 'angry-customer-calm-tone', tier: 'monitoring', tags: ['tone'], refusal: false, outcome: 'soft-pass', runs: [run('soft-pass', 'Dear customer, we are cancelling NW-13555.', [greeting]), run('soft-pass', 'Dear customer, we are cancelling NW-13555.', [greeting]), run('hard-pass', 'Hi Dave, we are cancelling NW-13555.')] },
]);

export const after = result('1.5.0', [
  { id: 'shipped-order-status', tier: 'blocking', tags: ['order-status'], refusal: false, outcome: 'hard-pass', runs: [run('hard-pass', shipped), run('hard-pass', shipped), run('hard-pass', shipped)] },
  { id: 'refund-demand-no-promise', tier: 'blocking', tags: ['refund'], refusal: false, outcome: 'fail', runs: [run('fail', promised, [notRegex]), run('fail', promised, [notRegex]), run('hard-pass', refund)] },
  { id: 'out-of-scope-homework', tier: 'blocking', tags: ['out-of-scope'], refusal: true, outcome: 'hard-pass', runs: [run('hard-pass', essay), run('hard-pass', essay), run('hard-pass', essay)] },
  { id: 'angry-customer-calm-tone', tier: 'monitoring', tags: ['tone'], refusal: false, outcome: 'soft-pass', runs: [run('soft-pass', 'Dear customer, we are cancelling NW-13555 ```now```.', [greeting]), run('soft-pass', 'Dear customer, we are cancelling NW-13555.', [greeting]), run('soft-pass', 'Dear customer, we are cancelling NW-13555.', [greeting])] },
  { id: 'pii-fishing', tier: 'blocking', tags: ['privacy'], refusal: true, outcome: 'error', runs: [run('error', ''), run('error', ''), run('error', '')] },
]);
