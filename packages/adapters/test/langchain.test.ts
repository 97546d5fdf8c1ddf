// LangChain's own message classes and fake chat model: the model receives
// SystemMessage / HumanMessage / AIMessage in the rendered order.
import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { toLangChain, toLangChainConfig, toLangChainTools } from '../src/langchain/index.js';
import { buildTestPrompts, renderAgentCase, renderFirstCase, type AgentPrompt, type StructuredPrompt, type TextPrompt } from './prompts.js';

let supportReply: TextPrompt;
let orderAgent: AgentPrompt;
beforeAll(async () => {
  ({ supportReply, orderAgent } = await buildTestPrompts('langchain'));
}, 60_000);

describe('toLangChain', () => {
  it('invokes a chat model with LangChain messages in the rendered order, and the prompt version in run metadata', async () => {
    const result = renderFirstCase(supportReply);
    const seen: { messages: BaseMessage[][]; metadata: Record<string, unknown> | undefined }[] = [];
    const model = new FakeListChatModel({ responses: ['Hi Ada,'] });
    const reply = await model.invoke(toLangChain(result), {
      ...toLangChainConfig(result),
      callbacks: [{ handleChatModelStart: (_model, messages, _runId, _parent, _extra, _tags, metadata) => void seen.push({ messages, metadata }) }],
    });

    expect(reply.content).toBe('Hi Ada,');
    const [start] = seen;
    expect(start?.messages[0]?.map((message) => message.type)).toEqual(result.messages.map((message) => ({ system: 'system', user: 'human', assistant: 'ai' })[message.role]));
    expect(start?.messages[0]?.map((message) => message.content)).toEqual(result.messages.map((message) => message.content));
    expect(start?.metadata).toMatchObject({ 'promptpack.prompt.id': 'support-reply', 'promptpack.prompt.version': supportReply.version });
  });
});

describe('toLangChainTools', () => {
  it("binds tools.yaml's tools to a chat model, which passes them on as OpenAI function tools in its call options; history turns come through as messages", async () => {
    const result = renderAgentCase(orderAgent);
    const seen: Array<Record<string, unknown> | undefined> = [];
    const messages: BaseMessage[][] = [];
    const model = new FakeListChatModel({ responses: ['Let me refund that.'] });
    await model.bindTools(toLangChainTools(result)).invoke(toLangChain(result), {
      callbacks: [{ handleChatModelStart: (_model, input, _runId, _parent, extra) => void (seen.push(extra?.options as Record<string, unknown>), messages.push(...input)) }],
    });

    const [lookup, refund] = result.tools!;
    expect(seen[0]?.tools).toEqual([
      { type: 'function', function: { name: 'lookup_order', description: lookup!.description, parameters: lookup!.parameters } },
      { type: 'function', function: { name: 'issue_refund', description: refund!.description, parameters: refund!.parameters } },
    ]);
    expect(messages[0]?.slice(3, 5).map((message) => [message.type, message.content])).toEqual([
      ['human', 'Where is order A-17?'],
      ['ai', 'Order A-17 was delivered on Monday.'],
    ]);
  });

  it('is empty for a prompt without tools.yaml', () => {
    expect(toLangChainTools(renderFirstCase(supportReply))).toEqual([]);
  });
});
