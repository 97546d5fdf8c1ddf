// LangChain's own message classes and fake chat model: the model receives
// SystemMessage / HumanMessage / AIMessage in the rendered order.
import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { toLangChain, toLangChainConfig } from '../src/langchain/index.js';
import { buildTestPrompts, renderFirstCase, type StructuredPrompt, type TextPrompt } from './prompts.js';

let supportReply: TextPrompt;
beforeAll(async () => {
  ({ supportReply } = await buildTestPrompts('langchain'));
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
