import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openaiProvider, ReplayMissError, replayProvider, requestHash, type ProviderRequest, type ToolDefinition } from '../src/index.js';
import { startChatServer, type ChatServer } from './chat-server.js';

const lookupOrder: ToolDefinition = {
  name: 'lookup_order',
  description: 'Looks an order up by its id.',
  parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'], additionalProperties: false },
};
const request: ProviderRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Refund A-1' }], temperature: 0, seed: 1 };
const withTools: ProviderRequest = { ...request, tools: [lookupOrder] };

let dir: string;
let server: ChatServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'promptpack-replay-tools-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('requestHash and tools', () => {
  it('hashes a request without tools exactly as before tools existed, so old recordings still match', () => {
    // Pinned from @promptpack/eval before tools: the same request, the same hash.
    expect(requestHash(request)).toBe('sha256:38bc2c9ae859e9904e5a346215aad3b1e2f3fe75ca48f16fc18d0d7592dfb3a0');
  });

  it.each([
    ['tools added', {}],
    ['a tool description', { description: 'Finds an order.' }],
    ['a parameter', { parameters: { type: 'object', properties: { orderId: { type: 'string' }, email: { type: 'string' } }, required: ['orderId'], additionalProperties: false } }],
    ['strict', { strict: true }],
    ['a tool name', { name: 'find_order' }],
  ])('changes with %s', (name, change) => {
    const changed: ProviderRequest = { ...request, tools: [{ ...lookupOrder, ...change }] };
    const before = name === 'tools added' ? request : withTools;
    expect(requestHash(changed)).not.toBe(requestHash(before));
  });
});

describe('replayProvider with tool calls', () => {
  it('records tool calls and finish_reason tool_calls from a live (local) server and replays them offline', async () => {
    server = await startChatServer({ script: [{ toolCalls: [{ id: 'call_a', name: 'lookup_order', arguments: '{"orderId":"A-1"}' }, { id: 'call_b', name: 'lookup_order', arguments: '{"orderId":' }] }] });
    const file = path.join(dir, 'replay.json');
    const recorder = replayProvider({ file, record: openaiProvider({ baseURL: server.url, apiKey: 'k', env: {}, maxRetries: 0 }) });
    const live = await recorder.complete(withTools);
    recorder.flush();
    const expected = [
      { id: 'call_a', name: 'lookup_order', arguments: { orderId: 'A-1' } },
      { id: 'call_b', name: 'lookup_order', unparsedArguments: '{"orderId":' },
    ];
    expect(live).toMatchObject({ text: '', finishReason: 'tool_calls', toolCalls: expected });

    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.specificationVersion).toBe('promptpack.replay/v1');
    expect(written.recordings[requestHash(withTools)]).toMatchObject({ finishReason: 'tool_calls', toolCalls: expected });

    const replayed = await replayProvider({ file }).complete(withTools);
    expect(replayed).toEqual(live);
    expect(server.requests).toHaveLength(1);
  });

  it('misses when a tool description changed since the recording: the model never saw the new text', async () => {
    const file = path.join(dir, 'replay.json');
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: { [requestHash(withTools)]: { text: '', usage: { promptTokens: 1, completionTokens: 1 }, latencyMs: 1, model: 'm', finishReason: 'tool_calls', toolCalls: [{ id: 'c', name: 'lookup_order', arguments: { orderId: 'A-1' } }] } } }));
    const replay = replayProvider({ file });
    expect((await replay.complete(withTools)).toolCalls).toEqual([{ id: 'c', name: 'lookup_order', arguments: { orderId: 'A-1' } }]);
    const reworded: ProviderRequest = { ...request, tools: [{ ...lookupOrder, description: 'Finds an order by id; call it first.' }] };
    const error = await replay.complete(reworded).catch((reason: unknown) => reason);
    expect(ReplayMissError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'replay/miss', requestHash: requestHash(reworded) });
  });

  it('reads a recording written before tool calls existed (no toolCalls field) as an answer without tool calls', async () => {
    const file = path.join(dir, 'replay.json');
    const old = { text: '{"decision":"approve"}', usage: { promptTokens: 10, completionTokens: 5 }, latencyMs: 420, model: 'gpt-4o-mini' };
    writeFileSync(file, JSON.stringify({ specificationVersion: 'promptpack.replay/v1', recordings: { 'sha256:38bc2c9ae859e9904e5a346215aad3b1e2f3fe75ca48f16fc18d0d7592dfb3a0': old } }));
    const answer = await replayProvider({ file }).complete(request);
    expect(answer).toEqual(old);
    expect(answer.toolCalls).toBeUndefined();
  });
});
