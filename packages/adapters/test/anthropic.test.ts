// Anthropic's SDK itself, pointed at a local fake server.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError, type RenderedPrompt } from '../src/index.js';
import { toAnthropic } from '../src/anthropic/index.js';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { buildTestPrompts, renderFirstCase, type StructuredPrompt, type TextPrompt } from './prompts.js';

const answer = { decision: 'deny', amountCents: 1200, reason: 'other' };
let server: FakeServer;
let client: Anthropic;
let refundTriage: StructuredPrompt;
let supportReply: TextPrompt;

beforeAll(async () => {
  ({ refundTriage, supportReply } = await buildTestPrompts('anthropic'));
  server = await startFakeServer(() => ({
    id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-test', content: [{ type: 'text', text: JSON.stringify(answer) }],
    stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 },
  }));
  client = new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });
}, 60_000);
afterAll(() => server?.close());

const lastBody = () => server.requests.at(-1)!.body as Record<string, unknown>;

describe('toAnthropic', () => {
  it('sends the policy as system, user/assistant turns, max_tokens and the output schema', async () => {
    const result = renderFirstCase(refundTriage);
    const message = await client.messages.create(toAnthropic(result, { model: 'claude-sonnet-test', output: refundTriage }));

    expect(server.requests.at(-1)!.path).toBe('/v1/messages');
    const [system, ...turns] = result.messages;
    expect(lastBody()).toEqual({
      model: 'claude-sonnet-test',
      max_tokens: 120,
      system: system!.content,
      messages: turns.map(({ role, content }) => ({ role, content })),
      output_config: { format: { type: 'json_schema', schema: refundTriage.outputJsonSchema } },
    });
    const [block] = message.content;
    expect(block?.type === 'text' && refundTriage.outputSchema.parse(JSON.parse(block.text))).toEqual(answer);
  });

  it('merges consecutive same-role messages into one turn of text blocks', async () => {
    const result: RenderedPrompt = {
      ...renderFirstCase(supportReply),
      messages: [
        { role: 'system', content: 'Policy.' },
        { role: 'user', content: 'Context.' },
        { role: 'user', content: 'Question?' },
        { role: 'assistant', content: 'Answer.' },
        { role: 'user', content: 'Follow-up?' },
      ],
    };
    await client.messages.create(toAnthropic(result, { model: 'claude-sonnet-test' }));
    expect(lastBody().messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Context.' }, { type: 'text', text: 'Question?' }] },
      { role: 'assistant', content: 'Answer.' },
      { role: 'user', content: 'Follow-up?' },
    ]);
    expect(lastBody().system).toBe('Policy.');
    // prompt.yaml's temperature 0.3 is not sent: the Messages API of SDK 1.x has no temperature.
    expect(lastBody()).not.toHaveProperty('temperature');
  });

  it('asks for max_tokens when prompt.yaml has none, and takes it as an option', () => {
    const rendered = renderFirstCase(supportReply);
    const result = { ...rendered, model: { name: 'claude-sonnet-test' } };
    let error: unknown;
    try {
      toAnthropic(result);
    } catch (caught) {
      error = caught;
    }
    expect(AdapterError.isInstance(error) && error.code).toBe('adapters/missing-max-tokens');
    expect((error as AdapterError).hint).toContain('toAnthropic(result, { maxTokens: 1024 })');
    expect(toAnthropic(result, { maxTokens: 256 }).max_tokens).toBe(256);
  });
});
