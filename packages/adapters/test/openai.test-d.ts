import type { RuntimeRenderResult } from '@promptpack/runtime';
import OpenAI from 'openai';
import { describe, expectTypeOf, it } from 'vitest';
import { toOpenAIChat, toOpenAIResponses } from '../src/openai/index.js';
import { refundTriage, supportReply, type ReplyResult, type TriageResult } from './declared-prompts.js';

declare const triage: TriageResult;
declare const reply: RuntimeRenderResult<ReplyResult>;
declare const client: OpenAI;

describe('openai adapter types', () => {
  it("returns the client's own non-streaming request types, for a package's result and the runtime's", () => {
    expectTypeOf(toOpenAIChat(triage, { output: refundTriage })).toEqualTypeOf<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>();
    expectTypeOf(toOpenAIChat(reply)).toEqualTypeOf<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming>();
    expectTypeOf(toOpenAIResponses(triage, { output: [refundTriage] })).toEqualTypeOf<OpenAI.Responses.ResponseCreateParamsNonStreaming>();
    // So create() picks its non-streaming overload (a Stream is not a ChatCompletion).
    expectTypeOf(client.chat.completions.create(toOpenAIChat(reply))).resolves.toExtend<OpenAI.Chat.ChatCompletion>();
    expectTypeOf(client.responses.create(toOpenAIResponses(reply))).resolves.toExtend<OpenAI.Responses.Response>();
  });

  it('rejects structured output from a free-text prompt, a string and a module in place of a result', () => {
    // @ts-expect-error support-reply declares no output schema (outputJsonSchema: null)
    toOpenAIChat(reply, { output: supportReply });
    // @ts-expect-error the same for the responses API
    toOpenAIResponses(reply, { output: [supportReply] });
    // @ts-expect-error a string is not a render result
    toOpenAIChat('Where is my order?');
    // @ts-expect-error the package, not what its render() returns
    toOpenAIChat(refundTriage);
  });
});
