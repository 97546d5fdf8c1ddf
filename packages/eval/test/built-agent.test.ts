// A real prompt package with tools.yaml, built by the real compiler: its own
// `tools` export reaches the request, its evals.json carries the tool
// assertions, and a recording made against a local server replays offline.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import { afterAll, describe, expect, it } from 'vitest';
import { openaiProvider, replayProvider, runEvals, type EvaluablePrompt } from '../src/index.js';
import { startChatServer } from './chat-server.js';

const fixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const dir = path.resolve(import.meta.dirname, '.generated', 'with-tools', 'order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-built-agent-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const variables = `variables:
      shop: Acme
      customer: { name: Ada, tier: pro }
      orders: [{ id: A-1, total: 12.5 }]`;

async function buildAgent(): Promise<EvaluablePrompt> {
  rmSync(dir, { recursive: true, force: true });
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'tools.yaml'),
    `tools:
  - name: lookup_order
    description: Looks up one of the customer's orders by its id. Call it before answering about an order.
    parameters:
      type: object
      properties:
        orderId: { type: string }
      required: [orderId]
    strict: true
`,
  );
  writeFileSync(
    path.join(dir, 'evals.yaml'),
    `repeats: 1
cases:
  - id: looks-up
    ${variables}
      question: Where is A-1?
    assert:
      - type: tool-called
        name: lookup_order
        arguments: { orderId: A-1 }
      - type: is-valid-openai-tools-call
  - id: says-hello
    ${variables}
      question: Hello there
    assert:
      - type: not-tool-called
      - type: icontains
        value: hello
`,
  );
  const built = buildPrompt(dir);
  if (!built.success) throw new Error(`the fixture failed to build: ${JSON.stringify(built.diagnostics, null, 2)}`);
  return import(pathToFileURL(path.join(dir, 'dist/index.js')).href) as Promise<EvaluablePrompt>;
}

describe('a built prompt package with tools', () => {
  it('sends its tools, scores its tool assertions, and replays the recorded tool calls', async () => {
    const prompt = await buildAgent();
    const server = await startChatServer({
      script: (request) => (request.body?.messages.at(-1)?.content.includes('Where is A-1?') ? { toolCalls: [{ id: 'call_1', name: 'lookup_order', arguments: '{"orderId":"A-1"}' }] } : { reply: 'Hello Ada! How can I help?' }),
    });
    const file = path.join(scratch, 'evals.recordings.json');
    try {
      const recorder = replayProvider({ file, record: openaiProvider({ baseURL: server.url, apiKey: 'k', env: {}, maxRetries: 0 }) });
      const live = await runEvals({ prompt, provider: recorder, concurrency: 1 });
      recorder.flush();
      expect(live.cases.map((c) => [c.id, c.outcome])).toEqual([
        ['looks-up', 'hard-pass'],
        ['says-hello', 'hard-pass'],
      ]);
      expect(server.requests[0]?.body?.tools).toEqual([
        {
          type: 'function',
          function: {
            name: 'lookup_order',
            description: "Looks up one of the customer's orders by its id. Call it before answering about an order.",
            parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'], additionalProperties: false },
            strict: true,
          },
        },
      ]);
    } finally {
      await server.close();
    }
    const replayed = await runEvals({ prompt, provider: replayProvider({ file }) });
    expect(replayed.cases.map((c) => [c.id, c.outcome])).toEqual([
      ['looks-up', 'hard-pass'],
      ['says-hello', 'hard-pass'],
    ]);
    expect(replayed.cases[0]?.runs[0]?.toolCalls).toEqual([{ id: 'call_1', name: 'lookup_order', arguments: { orderId: 'A-1' } }]);
  }, 60_000);
});
