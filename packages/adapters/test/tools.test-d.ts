// Tools from a render result, checked against each SDK's own request types.
import type Anthropic from '@anthropic-ai/sdk';
import type { BindToolsInput } from '@langchain/core/language_models/chat_models';
import type { RuntimeRenderResult } from '@promptpack/runtime';
import { generateText, streamText, type LanguageModel, type Tool } from 'ai';
import type OpenAI from 'openai';
import { describe, expectTypeOf, it } from 'vitest';
import { toAiSdkObject, toAiSdkText } from '../src/ai-sdk/index.js';
import { toAnthropic } from '../src/anthropic/index.js';
import { toLangChainTools } from '../src/langchain/index.js';
import { toOpenAIChat, toOpenAIResponses } from '../src/openai/index.js';
import type { RenderedPrompt } from '../src/index.js';
import { refundTriage, type AgentResult, type TriageResult } from './declared-prompts.js';

declare const agent: RuntimeRenderResult<AgentResult>;
declare const triage: TriageResult;
declare const model: LanguageModel;

describe('tools in the adapters', () => {
  it("a package's result with tools is a RenderedPrompt; tools of another shape are not", () => {
    expectTypeOf(agent).toExtend<RenderedPrompt>();
    // @ts-expect-error -- a tool's name is a string
    expectTypeOf<Omit<AgentResult, 'tools'> & { tools: [{ name: 1; description: 'x'; parameters: object }] }>().toExtend<RenderedPrompt>();
    // @ts-expect-error -- a tool carries its description
    expectTypeOf<Omit<AgentResult, 'tools'> & { tools: [{ name: 'x'; parameters: object }] }>().toExtend<RenderedPrompt>();
  });

  it("OpenAI's chat and responses tool types", () => {
    expectTypeOf(toOpenAIChat(agent).tools).toEqualTypeOf<OpenAI.Chat.ChatCompletionTool[] | undefined>();
    expectTypeOf(toOpenAIResponses(agent).tools).toEqualTypeOf<OpenAI.Responses.Tool[] | undefined>();
  });

  it("Anthropic's tool type", () => {
    expectTypeOf(toAnthropic(agent, { model: 'claude-sonnet-test' }).tools).toEqualTypeOf<Anthropic.ToolUnion[] | undefined>();
  });

  it("the AI SDK's ToolSet: generateText and streamText take the request with a model added", () => {
    expectTypeOf(toAiSdkText(agent).tools).toEqualTypeOf<Record<string, Tool<unknown, never>> | undefined>();
    expectTypeOf({ model, ...toAiSdkText(agent) }).toExtend<Parameters<typeof generateText>[0]>();
    expectTypeOf({ model, ...toAiSdkText(agent) }).toExtend<Parameters<typeof streamText>[0]>();
    // generateObject takes no tools, so its request has none.
    expectTypeOf(toAiSdkObject(triage, refundTriage)).not.toHaveProperty('tools');
  });

  it("LangChain's bindTools input", () => {
    expectTypeOf(toLangChainTools(agent)).toExtend<BindToolsInput[]>();
    // @ts-expect-error -- a string is not a render result
    toLangChainTools('lookup_order');
  });
});
