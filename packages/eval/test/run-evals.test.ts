import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EvalError,
  openaiProvider,
  replayProvider,
  runEvals,
  type EvaluableCase,
  type EvaluablePrompt,
  type Provider,
  type ProviderRequest,
  type ProviderResponse,
} from '../src/index.js';
import { startChatServer, type ChatServer } from './chat-server.js';

const model = { name: 'prompt-model', temperature: 0.2, maxTokens: 100, seed: 7 };

function fakePrompt(cases: EvaluableCase[], repeats = 3): EvaluablePrompt {
  return {
    manifest: { id: 'order-help', name: '@acme/prompt-order-help', version: '1.2.0', contentHash: 'sha256:fake', model },
    evals: { repeats, cases },
    render: (variables: never) => {
      const { question } = variables as { question?: string };
      if (!question) throw new Error('variables.question is required');
      return { messages: [{ role: 'system', content: 'Answer about orders.' }, { role: 'user', content: question }], model };
    },
    safeParseOutput: (text) => ({ success: true, data: text }),
    outputJsonSchema: null,
  };
}

const evalCase = (id: string, extra: Partial<EvaluableCase> = {}): EvaluableCase => ({
  id,
  tier: 'blocking',
  variables: { question: id },
  assert: [{ type: 'contains', value: 'shipped' }],
  soft: [{ type: 'icontains', value: 'on its way' }],
  ...extra,
});

const answer = (text: string, latencyMs = 100): ProviderResponse => ({ text, usage: { promptTokens: 20, completionTokens: 5 }, latencyMs, costUsd: 0.001, model: 'served-model' });

/** Answers each case's runs from a list (in call order), keyed by the question; an Error entry fails that call. */
function scripted(answers: Record<string, Array<string | Error>>, extra: Partial<Provider> = {}): Provider & { requests: ProviderRequest[] } {
  const requests: ProviderRequest[] = [];
  const used = new Map<string, number>();
  return {
    name: 'scripted',
    requests,
    complete: async (request) => {
      requests.push(request);
      const question = request.messages.at(-1)?.content ?? '';
      const index = used.get(question) ?? 0;
      used.set(question, index + 1);
      const next = answers[question]?.[index];
      await Promise.resolve();
      if (next instanceof Error) throw next;
      if (next === undefined) throw new Error(`no scripted answer ${index + 1} for ${question}`);
      return answer(next, 100 * (index + 1));
    },
    ...extra,
  };
}

describe('runEvals', () => {
  it('runs each case `repeats` times and takes the majority, per tier', async () => {
    const prompt = fakePrompt([
      evalCase('all-good'),
      evalCase('two-of-three'),
      evalCase('paraphrased'),
      evalCase('wrong'),
      evalCase('flaky-provider', { tier: 'monitoring' }),
      evalCase('down', { tier: 'backlog', tags: ['budget'], refusal: true, description: 'provider down' }),
    ]);
    const timeout = new EvalError('provider/timeout', 'No answer within 60000 ms.', 'Raise the timeout.');
    const provider = scripted({
      'all-good': ['Order shipped', 'Order shipped', 'Order shipped'],
      'two-of-three': ['Order shipped', 'lost', 'Order shipped'],
      paraphrased: ['It is on its way', 'It is On Its Way', 'shipped'],
      wrong: ['lost', 'lost', 'shipped'],
      'flaky-provider': ['shipped', timeout, 'shipped'],
      down: [timeout, timeout, timeout],
    });
    const result = await runEvals({ prompt, provider, concurrency: 3 });

    expect(Object.fromEntries(result.cases.map((c) => [c.id, c.outcome]))).toEqual({
      'all-good': 'hard-pass',
      'two-of-three': 'hard-pass',
      paraphrased: 'soft-pass',
      wrong: 'fail',
      'flaky-provider': 'hard-pass',
      down: 'error',
    });
    expect(result.rates).toEqual({
      blocking: { count: 4, hardPass: 0.5, pass: 0.75, fail: 0.25, error: 0 },
      monitoring: { count: 1, hardPass: 1, pass: 1, fail: 0, error: 0 },
      backlog: { count: 1, hardPass: 0, pass: 0, fail: 0, error: 1 },
    });
    expect(result).toMatchObject({
      specificationVersion: 'promptpack.eval-result/v1',
      prompt: { id: 'order-help', name: '@acme/prompt-order-help', version: '1.2.0', contentHash: 'sha256:fake' },
      provider: 'scripted',
      model: 'prompt-model',
      repeats: 3,
    });
    expect(result.totals).toMatchObject({ runs: 18, errors: 4, tokens: { prompt: 14 * 20, completion: 14 * 5 } });
    expect(result.totals.costUsd).toBeCloseTo(0.014, 10);
    expect(new Date(result.startedAt).toISOString()).toBe(result.startedAt);

    const down = result.cases.find((c) => c.id === 'down');
    expect(down).toMatchObject({ tier: 'backlog', tags: ['budget'], refusal: true, description: 'provider down' });
    expect(down?.runs[0]).toEqual({
      outcome: 'error',
      output: '',
      failures: [],
      latencyMs: 0,
      tokens: { prompt: 0, completion: 0 },
      error: expect.stringMatching(/^Case "down": No answer within 60000 ms\.\nhint: Raise the timeout\.$/),
      errorCode: 'provider/timeout',
    });
    const wrong = result.cases.find((c) => c.id === 'wrong');
    expect(wrong?.runs.map((run) => run.outcome).sort()).toEqual(['fail', 'fail', 'hard-pass']);
    expect(wrong?.runs.find((run) => run.outcome === 'fail')).toMatchObject({
      output: 'lost',
      failures: [
        { assertion: 'contains', soft: false, reason: 'does not contain "shipped"' },
        { assertion: 'icontains', soft: true, reason: 'does not contain "on its way" (any case)' },
      ],
      costUsd: 0.001,
      tokens: { prompt: 20, completion: 5 },
    });
  });

  it('sends the rendered messages with the prompt’s parameters, and the model by precedence', async () => {
    const prompt = fakePrompt([evalCase('a')], 1);
    const answers = { a: ['shipped', 'shipped', 'shipped'] };
    const byPrompt = scripted(answers);
    expect((await runEvals({ prompt, provider: byPrompt })).model).toBe('prompt-model');
    expect(byPrompt.requests[0]).toEqual({
      model: 'prompt-model',
      messages: [
        { role: 'system', content: 'Answer about orders.' },
        { role: 'user', content: 'a' },
      ],
      temperature: 0.2,
      maxTokens: 100,
      seed: 7,
    });
    const byProvider = scripted(answers, { model: 'provider-model' });
    expect((await runEvals({ prompt, provider: byProvider })).model).toBe('provider-model');
    const byOption = scripted(answers, { model: 'provider-model' });
    expect((await runEvals({ prompt, provider: byOption, model: 'option-model' })).model).toBe('option-model');
    expect(byOption.requests[0]?.model).toBe('option-model');
  });

  it('checks finish-reason against what the provider reports, so answers cut off at max tokens fail', async () => {
    const reasons = ['stop', 'length'];
    let call = 0;
    const provider: Provider = { name: 'finishing', complete: async () => ({ ...answer('shipped'), finishReason: reasons[call++ % 2] as string }) };
    const result = await runEvals({ prompt: fakePrompt([evalCase('cut-off', { assert: [{ type: 'finish-reason', value: 'stop' }], soft: [] })], 2), provider, concurrency: 1 });
    expect(result.cases[0]?.runs.map((run) => [run.outcome, run.failures[0]?.reason])).toEqual([
      ['hard-pass', undefined],
      ['fail', 'finish reason "length", not "stop"'],
    ]);
  });

  it('selects cases by tier and id, and repeats as told', async () => {
    const prompt = fakePrompt([evalCase('a'), evalCase('b', { tier: 'monitoring' }), evalCase('c', { tier: 'backlog' })]);
    const provider = scripted({ a: ['shipped'], b: ['shipped'], c: ['shipped'] });
    const result = await runEvals({ prompt, provider, tiers: ['blocking', 'backlog'], caseIds: ['a', 'b'], repeats: 1 });
    expect(result.cases.map((c) => c.id)).toEqual(['a']);
    expect(result.repeats).toBe(1);
    expect(provider.requests).toHaveLength(1);
  });

  it('rejects bad options and unknown cases before sending anything', async () => {
    const prompt = fakePrompt([evalCase('a')]);
    const provider = scripted({});
    await expect(runEvals({ prompt, provider, caseIds: ['a', 'nope'] })).rejects.toMatchObject({ code: 'eval/unknown-case', message: expect.stringContaining('has no case "nope"') });
    await expect(runEvals({ prompt, provider, repeats: 0 })).rejects.toMatchObject({ code: 'eval/invalid-options' });
    await expect(runEvals({ prompt, provider, concurrency: 1.5 })).rejects.toMatchObject({ code: 'eval/invalid-options' });
    await expect(runEvals({ prompt, provider, tiers: ['urgent' as 'blocking'] })).rejects.toMatchObject({ code: 'eval/invalid-options' });
    const future = fakePrompt([evalCase('a', { soft: [{ type: 'g-eval', value: 'polite' }] })]);
    await expect(runEvals({ prompt: future, provider })).rejects.toMatchObject({ code: 'eval/invalid-manifest', message: expect.stringContaining('"g-eval" in case "a"') });
    expect(provider.requests).toHaveLength(0);
  });

  it('records a case whose variables do not render as errors naming the case', async () => {
    const prompt = fakePrompt([evalCase('bad', { variables: {} })], 2);
    const result = await runEvals({ prompt, provider: scripted({}) });
    expect(result.cases[0]?.outcome).toBe('error');
    expect(result.cases[0]?.runs[0]?.error).toBe('Case "bad": render() rejected the case\'s variables: variables.question is required');
  });

  it('maps a replay miss to the case it belongs to', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-run-'));
    try {
      const file = path.join(dir, 'replay.json');
      writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: {} }));
      const result = await runEvals({ prompt: fakePrompt([evalCase('unrecorded')], 1), provider: replayProvider({ file }) });
      expect(result.cases[0]?.outcome).toBe('error');
      expect(result.cases[0]?.runs[0]).toMatchObject({ errorCode: 'replay/miss', error: expect.stringMatching(/^Case "unrecorded": No recording for request sha256:[0-9a-f]{64} \(model "prompt-model"\)/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports progress from 0 to the total, counting errors', async () => {
    const prompt = fakePrompt([evalCase('a'), evalCase('b')], 2);
    const progress: Array<{ done: number; total: number; errors: number }> = [];
    await runEvals({ prompt, provider: scripted({ a: ['shipped', new Error('boom')], b: ['shipped', 'shipped'] }), onProgress: (p) => progress.push(p) });
    expect(progress[0]).toEqual({ done: 0, total: 4, errors: 0 });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(progress.at(-1)).toEqual({ done: 4, total: 4, errors: 1 });
  });

  it('keeps at most `concurrency` requests started, pulling thousands of runs lazily', async () => {
    let pending = 0;
    let maxPending = 0;
    let calls = 0;
    const provider: Provider = {
      name: 'counting',
      complete: async () => {
        calls += 1;
        pending += 1;
        maxPending = Math.max(maxPending, pending);
        await new Promise((resolve) => setImmediate(resolve));
        pending -= 1;
        return answer('shipped');
      },
    };
    const cases = Array.from({ length: 3000 }, (_, index) => evalCase(`case-${index}`));
    const result = await runEvals({ prompt: fakePrompt(cases, 2), provider, concurrency: 7 });
    expect(calls).toBe(6000);
    expect(maxPending).toBe(7);
    expect(result.rates.blocking).toMatchObject({ count: 3000, hardPass: 1 });
  });

  it('stops on abort: no new requests, the in-flight ones cancelled, rejected with the reason', async () => {
    const controller = new AbortController();
    let started = 0;
    const provider: Provider = {
      name: 'slow',
      complete: (_request, options) =>
        new Promise((resolve, reject) => {
          started += 1;
          if (started === 5) controller.abort(new Error('interrupted'));
          const timer = setTimeout(() => resolve(answer('shipped')), 50);
          options?.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(options.signal?.reason);
          });
        }),
    };
    const cases = Array.from({ length: 100 }, (_, index) => evalCase(`case-${index}`));
    await expect(runEvals({ prompt: fakePrompt(cases, 1), provider, concurrency: 5, signal: controller.signal })).rejects.toThrow('interrupted');
    expect(started).toBe(5);
  });
});

describe('runEvals through the openai client and a local server', () => {
  let server: ChatServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('never has more than `concurrency` requests open at the server', async () => {
    // Each answer waits (briefly) for the client to fill its slots, so the bound is reached, not just respected.
    server = await startChatServer({
      script: async () => {
        const until = performance.now() + 100;
        while ((server?.inFlight ?? 0) < 6 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
        return { reply: 'Order shipped' };
      },
    });
    const cases = Array.from({ length: 20 }, (_, index) => evalCase(`case-${index}`));
    const result = await runEvals({ prompt: fakePrompt(cases, 3), provider: openaiProvider({ baseURL: server.url, env: {} }), concurrency: 6 });
    expect(server.requests).toHaveLength(60);
    expect(server.maxInFlight).toBe(6);
    expect(result.rates.blocking.hardPass).toBe(1);
    expect(result.cases.flatMap((c) => c.runs.flatMap((run) => (run.error ? [run.error] : [])))).toEqual([]);
  });
});
