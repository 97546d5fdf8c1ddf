import { afterEach, describe, expect, it } from 'vitest';
import { EvalError, openaiProvider, ProviderError, type OpenAIProviderOptions, type ProviderRequest } from '../src/index.js';
import { isStrictCompatible } from '../src/openai-provider.js';
import { refuseLongRetryAfter, retryAfterMs } from '../src/retry-policy.js';
import { startChatServer, type ChatServer, type ChatServerScript } from './chat-server.js';

const request: ProviderRequest = {
  model: 'test-model',
  messages: [
    { role: 'system', content: 'You triage refunds.' },
    { role: 'user', content: 'Refund order 1 please' },
  ],
  temperature: 0,
  maxTokens: 50,
  seed: 7,
};

let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Real client, real HTTP, the client's own retries: servers ask for short
// waits (retry-after-ms) where a test would otherwise sit out a back-off.
async function setup(script: ChatServerScript, options: Partial<OpenAIProviderOptions> = {}) {
  server = await startChatServer({ script });
  const provider = openaiProvider({ baseURL: server.url, apiKey: 'test-key', env: {}, ...options });
  return { server, provider };
}

// The openai client numbers its attempts in this header: proof the retry was the client's.
const retryCounts = (chat: ChatServer) => chat.requests.map((sent) => sent.headers['x-stainless-retry-count']);
const soon = { 'retry-after-ms': '1' };

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('openaiProvider against a local chat-completions server', () => {
  it('sends the request the official client builds and reads the answer, usage and cost', async () => {
    const { server, provider } = await setup([{ reply: '{"decision":"approve"}', usage: { prompt_tokens: 1200, completion_tokens: 30 } }], {
      pricing: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
    });
    const response = await provider.complete({ ...request, jsonSchema: { name: 'refund-triage', schema: { type: 'object', properties: { decision: { type: 'string' } }, required: ['decision'], additionalProperties: false } } });
    expect(response).toMatchObject({ text: '{"decision":"approve"}', usage: { promptTokens: 1200, completionTokens: 30 }, model: 'test-model', finishReason: 'stop' });
    expect(response.costUsd).toBeCloseTo((1200 * 0.15 + 30 * 0.6) / 1e6, 12);
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    const [sent] = server.requests;
    expect(sent?.path).toBe('/v1/chat/completions');
    expect(sent?.headers.authorization).toBe('Bearer test-key');
    expect(sent?.body).toMatchObject({
      model: 'test-model',
      messages: request.messages,
      temperature: 0,
      max_tokens: 50,
      seed: 7,
      response_format: { type: 'json_schema', json_schema: { name: 'refund-triage', strict: true, schema: { type: 'object' } } },
    });
  });

  it('sends no response_format without a schema, and no cost without pricing', async () => {
    const { server, provider } = await setup([{ reply: 'Hello Ada' }]);
    const response = await provider.complete(request);
    expect(response.costUsd).toBeUndefined();
    expect(server.requests[0]?.body?.response_format).toBeUndefined();
  });

  it('returns a structured-output refusal as the answer text', async () => {
    const { provider } = await setup([{ refusal: "I can't help with that." }]);
    expect((await provider.complete(request)).text).toBe("I can't help with that.");
  });

  it('retries a 429 after the Retry-After it asks (seconds), through the client, then succeeds', async () => {
    const { server, provider } = await setup([{ status: 429, headers: { 'retry-after': '0.05' } }, { reply: 'ok' }]);
    expect((await provider.complete(request)).text).toBe('ok');
    expect(retryCounts(server)).toEqual(['0', '1']);
  });

  it('reads a Retry-After HTTP date (one in the past: retry now)', async () => {
    const { server, provider } = await setup([{ status: 429, headers: { 'retry-after': new Date(Date.now() - 5_000).toUTCString() } }, { reply: 'ok' }]);
    expect((await provider.complete(request)).text).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After asks for longer than it waits', async () => {
    const { server, provider } = await setup([{ status: 429, headers: { 'retry-after': '3600' } }, { reply: 'never' }]);
    const error = await failure(provider.complete(request));
    expect(error).toMatchObject({ code: 'provider/http', status: 429, attempts: 1, retryAfterMs: 3_600_000 });
    expect(error.message).toContain('asked to retry after 3600 s, longer than the 60 s this run waits');
    expect(error.hint).toContain('lower --concurrency');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 500 with the client’s back-off, then succeeds', async () => {
    const { server, provider } = await setup([{ status: 500 }, { reply: 'ok' }]);
    expect((await provider.complete(request)).text).toBe('ok');
    expect(retryCounts(server)).toEqual(['0', '1']);
  });

  it('retries an HTML error page from a proxy (502), then succeeds', async () => {
    const { server, provider } = await setup([{ raw: '<html><body>502 Bad Gateway</body></html>', status: 502, contentType: 'text/html' }, { reply: 'ok' }]);
    expect((await provider.complete(request)).text).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries on a persistent 500, saying how often it tried', async () => {
    const { server, provider } = await setup(() => ({ status: 500, headers: soon }), { maxRetries: 2 });
    const error = await failure(provider.complete(request));
    expect(error).toMatchObject({ code: 'provider/http', status: 500, attempts: 3 });
    expect(error.summary).toMatch(/answered HTTP 500: 500 scripted HTTP 500\. Gave up after 3 attempts\.$/);
    expect(retryCounts(server)).toEqual(['0', '1', '2']);
  });

  it.each([400, 401, 404, 422])('does not retry a %i', async (status) => {
    const { server, provider } = await setup(() => ({ status }));
    const error = await failure(provider.complete(request));
    expect(error).toMatchObject({ code: 'provider/http', status, attempts: 1 });
    expect(error.message).not.toContain('Gave up');
    expect(server.requests).toHaveLength(1);
  });

  it('points a 401 at OPENAI_API_KEY, not at an option that does not exist', async () => {
    const { provider } = await setup([{ status: 401 }]);
    const error = await failure(provider.complete(request));
    expect(error.hint).toContain('OPENAI_API_KEY');
    expect(error.hint).not.toContain('--api-key');
  });

  it('times out a request the server never answers, retries it, then reports a timeout', async () => {
    const { server, provider } = await setup(() => ({ hang: true }), { timeoutMs: 150, maxRetries: 1 });
    const error = await failure(provider.complete(request));
    expect(error).toMatchObject({ code: 'provider/timeout', attempts: 2 });
    expect(error.message).toContain(`No answer from ${server.url} within 150 ms. Gave up after 2 attempts.`);
    expect(error.hint).toContain('--timeout');
    expect(server.requests).toHaveLength(2);
  });

  it('stops at once when the caller aborts during a back-off wait', async () => {
    const { server, provider } = await setup([{ status: 429, headers: { 'retry-after': '30' } }, { reply: 'never' }]);
    const controller = new AbortController();
    const pending = provider.complete(request, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('user stopped the run'));
    await expect(pending).rejects.toThrow('user stopped the run');
    expect(server.requests).toHaveLength(1);
  });

  it('stops at once when the caller aborts, with the caller’s reason', async () => {
    const { server, provider } = await setup(() => ({ hang: true }), { timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = provider.complete(request, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('user stopped the run'));
    await expect(pending).rejects.toThrow('user stopped the run');
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['a body that is not JSON', { raw: '{"id": "chatcmpl-1", "choices": [' }, 'not valid JSON'],
    ['JSON that is not a completion', { raw: '{"hello": "world"}' }, 'not with a chat completion'],
    ['an HTML page', { raw: '<html>proxy error</html>', contentType: 'text/html' }, 'not with a chat completion'],
  ])('reports %s clearly and does not retry it', async (_name, step, message) => {
    const { server, provider } = await setup([step, { reply: 'never' }]);
    const error = await failure(provider.complete(request));
    expect(error.code).toBe('provider/malformed-response');
    expect(error.message).toContain(message);
    expect(error.hint).toMatch(/base URL/);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a server that is not there as a network error after its retries', async () => {
    const closed = await startChatServer({ script: [] });
    const url = closed.url;
    await closed.close();
    const provider = openaiProvider({ baseURL: url, apiKey: 'k', maxRetries: 1, env: {} });
    const error = await failure(provider.complete(request));
    expect(error).toMatchObject({ code: 'provider/network', attempts: 2 });
    expect(error.summary).toMatch(/^Could not reach .* Gave up after 2 attempts\.$/);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    // Each answer waits (briefly) until 3 are open, so the bound is reached, not just respected.
    const { server, provider } = await setup(
      async () => {
        const until = performance.now() + 100;
        while ((server?.inFlight ?? 0) < 3 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
        return { reply: 'ok' };
      },
      { concurrency: 3 },
    );
    await Promise.all(Array.from({ length: 12 }, () => provider.complete(request)));
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBe(3);
  });
});

describe('openaiProvider configuration', () => {
  it('falls back to OPENAI_BASE_URL, OPENAI_API_KEY and PROMPTPACK_EVAL_MODEL', async () => {
    server = await startChatServer({ script: [{ reply: 'ok' }] });
    const provider = openaiProvider({ env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'env-key', PROMPTPACK_EVAL_MODEL: 'env-model' } });
    expect(provider.model).toBe('env-model');
    await provider.complete(request);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer env-key');
  });

  it('needs no key for a local server, but does for OpenAI itself', () => {
    expect(() => openaiProvider({ baseURL: 'http://127.0.0.1:1/v1', env: {} })).not.toThrow();
    expect(() => openaiProvider({ env: {} })).toThrow(EvalError);
    expect(() => openaiProvider({ env: {} })).toThrow(/OPENAI_API_KEY/);
  });

  it('asks for strict structured output only when every property is required', () => {
    const closed = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    expect(isStrictCompatible(closed)).toBe(true);
    expect(isStrictCompatible({ ...closed, required: [] })).toBe(false);
    expect(isStrictCompatible({ type: 'array', items: { ...closed, required: [] } })).toBe(false);
  });
});

describe('retry-after handling', () => {
  it('marks a retried status whose Retry-After is over a minute x-should-retry: false, so the client reports it', () => {
    const marked = (status: number, headers: Record<string, string>) => refuseLongRetryAfter(new Response(null, { status, headers }), 0).headers.get('x-should-retry');
    expect(marked(429, { 'retry-after': '61' })).toBe('false');
    expect(marked(503, { 'retry-after-ms': '600000' })).toBe('false');
    expect(marked(429, { 'retry-after': '60' })).toBeNull();
    expect(marked(429, {})).toBeNull();
    expect(marked(400, { 'retry-after': '3600' })).toBeNull();
  });

  it('reads retry-after-ms, Retry-After seconds and HTTP dates, and ignores junk', () => {
    const headers = (values: Record<string, string>) => new Headers(values);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': '0.5' }), now)).toBe(500);
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }), now)).toBe(10_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
  });
});
