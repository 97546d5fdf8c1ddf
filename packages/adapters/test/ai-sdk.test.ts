// The Vercel AI SDK itself, with the mock model `ai/test` ships: what the
// SDK hands a provider is what the adapters built, after its own checks.
import { generateObject, generateText, Output } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { beforeAll, describe, expect, it } from 'vitest';
import { toAiSdkObject, toAiSdkText } from '../src/ai-sdk/index.js';
import { buildTestPrompts, renderAgentCase, renderFirstCase, type AgentPrompt, type StructuredPrompt, type TextPrompt } from './prompts.js';

let refundTriage: StructuredPrompt;
let supportReply: TextPrompt;
let orderAgent: AgentPrompt;
beforeAll(async () => {
  ({ refundTriage, supportReply, orderAgent } = await buildTestPrompts('ai-sdk'));
}, 60_000);

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 5, text: 5, reasoning: 0 } };
const mockModel = (text: string) => new MockLanguageModelV3({ doGenerate: { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] } });

describe('toAiSdkText', () => {
  it('passes the policy as system and maxOutputTokens, accepted with allowSystemInMessages: false', async () => {
    const result = renderFirstCase(supportReply);
    const model = mockModel('Hi Ada,');
    const { text } = await generateText({ model, ...toAiSdkText(result), allowSystemInMessages: false });

    expect(text).toBe('Hi Ada,');
    const [call] = model.doGenerateCalls;
    expect(call?.maxOutputTokens).toBe(600);
    expect(call?.temperature).toBe(0.3);
    // The provider sees one system message, first, then the conversation as rendered.
    expect(call?.prompt.map((message) => message.role)).toEqual(result.messages.map((message) => message.role));
    expect(call?.prompt[0]).toEqual({ role: 'system', content: result.messages[0]!.content });
  });

  it("puts the prompt's id, version and content hash in experimental_telemetry.metadata", () => {
    const result = renderFirstCase(supportReply);
    const request = toAiSdkText(result, { telemetry: { isEnabled: true, metadata: { tenant: 'acme' } } });
    expect(request.experimental_telemetry).toEqual({
      isEnabled: true,
      functionId: 'support-reply',
      metadata: {
        'promptpack.prompt.id': 'support-reply',
        'promptpack.prompt.version': supportReply.version,
        'promptpack.prompt.content_hash': result.meta.contentHash,
        'promptpack.prompt.name': '@acme/prompt-support-reply',
        tenant: 'acme',
      },
    });
  });
});

describe('toAiSdkObject', () => {
  it("gives generateObject the package's zod schema: the model is asked for that JSON and the object comes back parsed", async () => {
    const result = renderFirstCase(refundTriage);
    const model = mockModel(JSON.stringify({ decision: 'escalate', amountCents: 50000, reason: 'late_ship' }));
    const { object } = await generateObject({ model, ...toAiSdkObject(result, refundTriage) });

    expect(object).toEqual({ decision: 'escalate', amountCents: 50000, reason: 'late_ship' });
    const [call] = model.doGenerateCalls;
    expect(call?.maxOutputTokens).toBe(120);
    expect(call?.seed).toBe(7);
    expect(call?.responseFormat).toMatchObject({ type: 'json', name: 'refund-triage', description: 'The triage decision. Exactly these three keys.' });
    expect(call?.responseFormat?.type === 'json' && call.responseFormat.schema).toMatchObject({ type: 'object', required: ['decision', 'amountCents', 'reason'] });
  });

  it("works the AI SDK 6 way too: generateText with Output.object over the package's schema", async () => {
    const result = renderFirstCase(refundTriage);
    const model = mockModel(JSON.stringify({ decision: 'deny', amountCents: 10, reason: 'other' }));
    const { output } = await generateText({ model, ...toAiSdkText(result), output: Output.object({ schema: refundTriage.outputSchema }) });

    expect(output).toEqual({ decision: 'deny', amountCents: 10, reason: 'other' });
    expect(model.doGenerateCalls[0]?.responseFormat).toMatchObject({ type: 'json', schema: { type: 'object', required: ['decision', 'amountCents', 'reason'] } });
  });

  it('rejects, through the schema, an answer the package would reject', async () => {
    const result = renderFirstCase(refundTriage);
    const model = mockModel(JSON.stringify({ decision: 'maybe', amountCents: 1, reason: 'other' }));
    await expect(generateObject({ model, ...toAiSdkObject(result, refundTriage) })).rejects.toThrow(/did not match schema|Type validation failed/i);
  });
});

describe('toAiSdkText with tools and chat history', () => {
  const refundCall = { orderId: 'A-17', amountCents: 2500, reason: 'damaged' };

  it("hands the provider tools.yaml's tools as function tools and the history turns in order; the call parses with the package", async () => {
    const result = renderAgentCase(orderAgent);
    const model = new MockLanguageModelV3({
      doGenerate: {
        content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'issue_refund', input: JSON.stringify(refundCall) }],
        finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
        usage,
        warnings: [],
      },
    });
    const { toolCalls } = await generateText({ model, ...toAiSdkText(result) });

    const [call] = model.doGenerateCalls;
    const [lookup, refund] = result.tools!;
    expect(call?.tools).toEqual([
      { type: 'function', name: 'lookup_order', description: lookup!.description, inputSchema: lookup!.parameters, strict: true },
      { type: 'function', name: 'issue_refund', description: refund!.description, inputSchema: refund!.parameters },
    ]);
    expect(call?.prompt.slice(3, 5)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Where is order A-17?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Order A-17 was delivered on Monday.' }] },
    ]);
    // The SDK checked the input against the JSON Schema; the package checks it against its own.
    expect(toolCalls.map((toolCall) => orderAgent.parseToolCall({ name: toolCall.toolName, arguments: toolCall.input }))).toEqual([{ name: 'issue_refund', arguments: refundCall }]);
  });

  it('sends no tools for a prompt without tools.yaml, nor to generateObject', () => {
    expect(toAiSdkText(renderFirstCase(supportReply))).not.toHaveProperty('tools');
    expect(Object.keys(toAiSdkText(renderAgentCase(orderAgent)).tools!)).toEqual(['lookup_order', 'issue_refund']);
  });
});
