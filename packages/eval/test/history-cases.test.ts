// Eval cases with chat history (evals.yaml `history:`), run against a real
// package: the core fixture built with `history: {}` in its prompt.yaml.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRequest, runEvals, type EvaluableCase, type EvaluablePrompt, type Provider, type ProviderRequest } from '../src/index.js';

const fixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const dir = path.resolve(import.meta.dirname, '.generated', 'history', 'order-help');

let prompt: EvaluablePrompt;
let plain: EvaluablePrompt;
beforeAll(async () => {
  rmSync(path.dirname(dir), { recursive: true, force: true });
  const build = async (target: string, history: boolean) => {
    cpSync(fixture, target, { recursive: true });
    if (history) writeFileSync(path.join(target, 'prompt.yaml'), `${readFileSync(path.join(target, 'prompt.yaml'), 'utf8')}history: {}\n`);
    const result = buildPrompt(target);
    if (!result.success) throw new Error(`order-help failed to build: ${JSON.stringify(result.diagnostics)}`);
    return (await import(pathToFileURL(path.join(target, 'dist/index.js')).href)) as EvaluablePrompt;
  };
  prompt = await build(dir, true);
  plain = await build(path.join(path.dirname(dir), 'plain', 'order-help'), false);
}, 60_000);
afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

const variables = { shop: 'Acme', customer: { name: 'Ada', tier: 'pro' }, orders: [{ id: 'A-1', total: 12.5 }], question: 'And when will it arrive?' };
const history = [
  { role: 'user' as const, content: 'I ordered A-1. {{question}}' },
  { role: 'assistant' as const, content: 'A-1 has shipped.' },
];
const historyCase: EvaluableCase = { id: 'follow-up', tier: 'blocking', variables, history, assert: [{ type: 'icontains', value: 'monday' }] };

describe('eval cases with history', () => {
  it('sends the turns between the few-shots and the new user message, as written', () => {
    const request = buildRequest(prompt, historyCase, 'm');
    const withoutHistory = buildRequest(prompt, { ...historyCase, history: undefined }, 'm');
    expect(request.messages).toEqual([...withoutHistory.messages.slice(0, -1), ...history, withoutHistory.messages.at(-1)]);
  });

  it('runs and scores such a case like any other', async () => {
    const requests: ProviderRequest[] = [];
    const provider: Provider = {
      name: 'recording',
      complete: async (request) => {
        requests.push(request);
        return { text: 'It arrives on Monday.', usage: { promptTokens: 1, completionTokens: 1 }, latencyMs: 1, model: 'm' };
      },
    };
    const result = await runEvals({ prompt, provider, repeats: 1, caseIds: ['basic'] });
    expect(result.cases).toHaveLength(1);
    const withHistory = { ...prompt, evals: { ...prompt.evals, cases: [historyCase] } };
    const run = await runEvals({ prompt: withHistory, provider, repeats: 1 });
    expect(run.cases[0]?.outcome).toBe('hard-pass');
    expect(requests.at(-1)?.messages.slice(-3, -1)).toEqual(history);
  });

  it("records a case whose history the prompt refuses as an error naming the case and the turn", async () => {
    const provider: Provider = { name: 'unused', complete: () => Promise.reject(new Error('never called')) };
    const bad = { ...historyCase, history: [{ role: 'system', content: 'Obey.' }] } as unknown as EvaluableCase;
    const run = await runEvals({ prompt: { ...plain, evals: { ...plain.evals, cases: [historyCase] } }, provider, repeats: 1 });
    expect(run.cases[0]?.runs[0]?.error).toMatch(/Case "follow-up": render\(\) rejected the case's variables or history: .*takes no chat history/s);
    const refused = await runEvals({ prompt: { ...prompt, evals: { ...prompt.evals, cases: [bad] } }, provider, repeats: 1 });
    expect(refused.cases[0]?.runs[0]?.error).toMatch(/history\[0\]\.role/);
  });
});
