import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EvalError, ReplayMissError, replayProvider, requestHash, type Provider, type ProviderRequest, type ProviderResponse } from '../src/index.js';

const request: ProviderRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Refund A-1' }], temperature: 0, seed: 1 };
const answer: ProviderResponse = { text: '{"decision":"approve"}', usage: { promptTokens: 10, completionTokens: 5 }, latencyMs: 420, costUsd: 0.0001, model: 'gpt-4o-mini-2024-07-18' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'promptpack-replay-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function liveProvider(): Provider & { calls: ProviderRequest[] } {
  const calls: ProviderRequest[] = [];
  return {
    name: 'openai',
    model: 'gpt-4o-mini',
    calls,
    complete: async (sent) => {
      const number = calls.push(sent);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { ...answer, text: `answer ${number}` };
    },
  };
}

describe('requestHash', () => {
  it('is the sha256 of the canonical request: key order and undefined do not matter', () => {
    const reordered = { seed: 1, temperature: 0, messages: [{ content: 'Refund A-1', role: 'user' as const }], model: 'gpt-4o-mini', topP: undefined };
    expect(requestHash(reordered)).toBe(requestHash(request));
    expect(requestHash(request)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it.each([
    ['the model', { model: 'gpt-4o' }],
    ['a message', { messages: [{ role: 'user' as const, content: 'Refund A-2' }] }],
    ['a parameter', { temperature: 0.2 }],
    ['the output schema', { jsonSchema: { name: 'x', schema: { type: 'object' } } }],
  ])('changes with %s', (_name, change) => {
    expect(requestHash({ ...request, ...change })).not.toBe(requestHash(request));
  });
});

describe('replayProvider', () => {
  it('records the finish reason with the answer and replays it, so finish-reason checks run offline', async () => {
    const file = path.join(dir, 'recordings.json');
    const cutOff: ProviderResponse = { ...answer, text: '{"decision":"appr', finishReason: 'length' };
    const recorder = replayProvider({ file, record: { name: 'openai', complete: async () => cutOff } });
    await recorder.complete(request);
    recorder.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).recordings[requestHash(request)].finishReason).toBe('length');
    expect(await replayProvider({ file }).complete(request)).toEqual(cutOff);
  });

  it('answers from a recording, latency and cost included', async () => {
    const file = path.join(dir, 'replay.json');
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: { [requestHash(request)]: answer } }));
    const provider = replayProvider({ file });
    expect(provider.name).toBe('replay');
    expect(await provider.complete(request)).toEqual(answer);
  });

  it('throws a ReplayMissError naming the request hash for a request it has not recorded', async () => {
    const file = path.join(dir, 'replay.json');
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: {} }));
    const error = await replayProvider({ file }).complete(request).catch((reason: unknown) => reason);
    expect(ReplayMissError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'replay/miss', requestHash: requestHash(request), file });
    expect((error as Error).message).toContain(requestHash(request));
  });

  it.each([
    ['a missing file', undefined, 'No replay file at'],
    ['broken JSON', '{"recordings": ', 'is not valid JSON'],
    ['another format', '{"specificationVersion":"promptfoo/v1","recordings":{}}', 'found specificationVersion "promptfoo/v1"'],
  ])('refuses %s up front', (_name, contents, message) => {
    const file = path.join(dir, 'replay.json');
    if (contents !== undefined) writeFileSync(file, contents);
    expect(() => replayProvider({ file })).toThrow(EvalError);
    expect(() => replayProvider({ file })).toThrow(message);
  });

  it('records misses through the live provider, once per distinct request, and replays them after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const file = path.join(dir, 'nested', 'replay.json');
      const live = liveProvider();
      const recorder = replayProvider({ file, record: live });
      expect(recorder).toMatchObject({ name: 'replay-record:openai', model: 'gpt-4o-mini' });
      const other = { ...request, seed: 2 };
      // Three repeats of one request at once, and one other request.
      const answers = Promise.all([recorder.complete(request), recorder.complete(request), recorder.complete(request), recorder.complete(other)]);
      await vi.advanceTimersByTimeAsync(10);
      const [first, second, third, fourth] = await answers;
      expect(live.calls).toHaveLength(2);
      expect(new Set([first?.text, second?.text, third?.text])).toEqual(new Set(['answer 1']));
      expect(fourth?.text).toBe('answer 2');
      // A recorded request does not go live again.
      await recorder.complete(request);
      expect(live.calls).toHaveLength(2);
      // The write is batched: at most once a second, and never lost (the timer keeps the process alive).
      await vi.advanceTimersByTimeAsync(1000);
      const written = JSON.parse(readFileSync(file, 'utf8'));
      expect(written.specificationVersion).toBe('promptpack.replay/v1');
      expect(Object.keys(written.recordings)).toEqual([requestHash(request), requestHash(other)].sort());

      const replay = replayProvider({ file });
      expect((await replay.complete(request)).text).toBe('answer 1');
      expect((await replay.complete(other)).text).toBe('answer 2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('flush() writes at once, keeps what the file had, and leaves no temporary file', async () => {
    const file = path.join(dir, 'replay.json');
    const old = { ...request, model: 'old-model' };
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: { [requestHash(old)]: answer } }));
    const recorder = replayProvider({ file, record: liveProvider() });
    await recorder.complete(request);
    recorder.flush();
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(written.recordings).sort()).toEqual([requestHash(old), requestHash(request)].sort());
    expect(readFileSync(file, 'utf8')).toMatch(/\n$/);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['replay.json']);
  });

  it('does not record a failed live call', async () => {
    const file = path.join(dir, 'replay.json');
    const failing: Provider = { name: 'openai', complete: async () => Promise.reject(new Error('HTTP 500')) };
    const recorder = replayProvider({ file, record: failing });
    await expect(recorder.complete(request)).rejects.toThrow('HTTP 500');
    recorder.flush();
    expect(() => readFileSync(file)).toThrow();
  });
});

describe('replayProvider embeddings', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'promptpack-replay-embeddings-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a file written before embeddings existed, and misses an embedding there with a ReplayMissError', async () => {
    const file = path.join(folder, 'old.json');
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: {} }));
    const replay = replayProvider({ file });
    const miss = await replay.embed?.({ model: 'embed', input: ['a'] }).catch((error: unknown) => error);
    expect(ReplayMissError.isInstance(miss)).toBe(true);
    expect((miss as Error).message).toMatch(/^No recording for embedding request sha256:[0-9a-f]{64} \(model "embed"\)/);
  });

  it('records an embedding once for concurrent identical requests, keyed by model and input, and leaves the key out when there are none', async () => {
    const file = path.join(folder, 'recordings.json');
    const embed = vi.fn(async (request: { input: string[] }) => ({ vectors: request.input.map(() => [1, 0]), model: 'embed', usage: { promptTokens: 1 } }));
    const recorder = replayProvider({ file, record: { name: 'live', complete: async () => ({ text: 'x', usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: 1, model: 'm' }), embed } });
    await Promise.all([recorder.embed?.({ model: 'embed', input: ['a', 'b'] }), recorder.embed?.({ model: 'embed', input: ['a', 'b'] })]);
    recorder.flush();
    expect(embed).toHaveBeenCalledTimes(1);
    expect(Object.values(JSON.parse(readFileSync(file, 'utf8')).embeddings)).toEqual([{ vectors: [[1, 0], [1, 0]], model: 'embed', usage: { promptTokens: 1 } }]);
    expect(await replayProvider({ file }).embed?.({ model: 'embed', input: ['a', 'b'] })).toMatchObject({ vectors: [[1, 0], [1, 0]] });

    const answersOnly = path.join(folder, 'answers.json');
    const answering = replayProvider({ file: answersOnly, record: { name: 'live', complete: async () => ({ text: 'x', usage: { promptTokens: 0, completionTokens: 0 }, latencyMs: 1, model: 'm' }) } });
    await answering.complete({ model: 'm', messages: [{ role: 'user', content: 'q' }] });
    answering.flush();
    expect(Object.keys(JSON.parse(readFileSync(answersOnly, 'utf8')))).toEqual(['specificationVersion', 'recordings']);
  });

  it('refuses a file whose embeddings are not an object', () => {
    const file = path.join(folder, 'broken.json');
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: {}, embeddings: [] }));
    expect(() => replayProvider({ file })).toThrow(/"embeddings" must be an object of recorded embeddings/);
  });
});
