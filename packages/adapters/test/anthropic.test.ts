// Anthropic's SDK itself, pointed at a local fake server.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError, type RenderedPrompt } from '../src/index.js';
import { toAnthropic } from '../src/anthropic/index.js';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { buildTestPrompts, renderAgentCase, renderFirstCase, type AgentPrompt, type StructuredPrompt, type TextPrompt } from './prompts.js';

const answer = { decision: 'deny', amountCents: 1200, reason: 'other' };
let server: FakeServer;
let client: Anthropic;
let refundTriage: StructuredPrompt;
let supportReply: TextPrompt;
let orderAgent: AgentPrompt;
const refundCall = { orderId: 'A-17', amountCents: 2500, reason: 'damaged' };

beforeAll(async () => {
  ({ refundTriage, supportReply, orderAgent } = await buildTestPrompts('anthropic'));
  server = await startFakeServer((request) => (typeof request.body === 'object' && request.body !== null && 'tools' in request.body ? {
    id: 'msg_2', type: 'message', role: 'assistant', model: 'claude-sonnet-test', content: [{ type: 'tool_use', id: 'toolu_1', name: 'issue_refund', input: refundCall }],
    stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 },
  } : {
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

describe('toAnthropic with tools and chat history', () => {
  it("sends tools.yaml's tools with input_schema and the history as turns; the tool_use block parses with the package", async () => {
    const result = renderAgentCase(orderAgent);
    const message = await client.messages.create(toAnthropic(result, { model: 'claude-sonnet-test' }));

    const [lookup, refund] = result.tools!;
    expect(lastBody().tools).toEqual([
      { name: 'lookup_order', description: lookup!.description, input_schema: lookup!.parameters, strict: true },
      { name: 'issue_refund', description: refund!.description, input_schema: refund!.parameters },
    ]);
    // Few-shot pair, the two history turns, then the new message: alternating, so nothing is merged.
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Hi, is anyone there?' },
      { role: 'assistant', content: 'Yes, I am here. How can I help?' },
      { role: 'user', content: 'Where is order A-17?' },
      { role: 'assistant', content: 'Order A-17 was delivered on Monday.' },
      { role: 'user', content: 'Please refund it, it arrived broken.' },
    ]);
    const toolUse = message.content.find((block) => block.type === 'tool_use');
    expect(orderAgent.parseToolCall(toolUse)).toMatchObject({ name: 'issue_refund', arguments: refundCall });
  });

  it('merges a history that starts with the assistant into the few-shot answer before it', async () => {
    const result = orderAgent.render(orderAgent.evals.cases[0]!.variables, { history: [{ role: 'assistant', content: 'Welcome back!' }] });
    await client.messages.create(toAnthropic(result, { model: 'claude-sonnet-test' }));
    expect((lastBody().messages as unknown[])[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Yes, I am here. How can I help?' },
        { type: 'text', text: 'Welcome back!' },
      ],
    });
  });
});
