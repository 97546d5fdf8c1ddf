// A scratch repository with the order-help prompt and an eval result whose
// cases ask for a person, one of them with a hostile answer. The answers are
// test data for the review page, not recordings of any model.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EvalResult } from '@promptpack/spec';

const orderHelp = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');

export const hostileAnswer = '<script>window.__pwned = true</script></textarea><img src=x onerror="window.__pwned = true">" onload="window.__pwned = true';
export const hashOf = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

export function reviewRepo(): { root: string; promptDir: string; results: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'promptpack-review-'));
  const promptDir = path.join(root, 'prompts', 'order-help');
  mkdirSync(path.dirname(promptDir), { recursive: true });
  cpSync(orderHelp, promptDir, { recursive: true });
  const run = (output: string, requestHash: string) => ({ outcome: 'hard-pass' as const, output, failures: [], latencyMs: 10, tokens: { prompt: 10, completion: 5 }, requestHash });
  const result: EvalResult = {
    specificationVersion: 'promptpack.eval-result/v1',
    prompt: { id: 'order-help', name: '@acme/prompt-order-help', version: '1.0.0', contentHash: 'sha256:abc' },
    provider: 'replay',
    model: 'gpt-4o-mini',
    repeats: 1,
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 1,
    cases: [
      { id: 'basic', description: 'Lists the one order with its total.', tier: 'blocking', tags: [], refusal: false, outcome: 'hard-pass', runs: [run('Your order A-1 came to $12.50.', hashOf(1))], review: { rubrics: ['Names the order and its total, politely.'] } },
      { id: 'no-orders', tier: 'blocking', tags: [], refusal: false, outcome: 'hard-pass', runs: [run(hostileAnswer, hashOf(2))], review: { rubrics: ['Says there are no orders; invents none.'] } },
      { id: 'not-reviewed', tier: 'blocking', tags: [], refusal: false, outcome: 'hard-pass', runs: [run('fine', hashOf(3))] },
    ],
    rates: {
      blocking: { count: 3, hardPass: 1, pass: 1, fail: 0, error: 0 },
      monitoring: { count: 0, hardPass: 0, pass: 0, fail: 0, error: 0 },
      backlog: { count: 0, hardPass: 0, pass: 0, fail: 0, error: 0 },
    },
    totals: { runs: 3, errors: 0, latencyMsP50: 10, latencyMsP95: 10, tokens: { prompt: 30, completion: 15 } },
  };
  const results = path.join(root, 'order-help.eval.json');
  writeFileSync(results, `${JSON.stringify(result, null, 2)}\n`);
  return { root, promptDir, results };
}
