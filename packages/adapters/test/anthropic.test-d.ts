import type Anthropic from '@anthropic-ai/sdk';
import type { RuntimeRenderResult } from '@promptpack/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import { toAnthropic } from '../src/anthropic/index.js';
import { refundTriage, supportReply, type ReplyResult, type TriageResult } from './declared-prompts.js';

declare const triage: RuntimeRenderResult<TriageResult>;
declare const reply: ReplyResult;
declare const client: Anthropic;

describe('anthropic adapter types', () => {
  it("returns the SDK's own non-streaming request type", () => {
    expectTypeOf(toAnthropic(triage, { model: 'claude-sonnet-4-5', output: refundTriage })).toEqualTypeOf<Anthropic.MessageCreateParamsNonStreaming>();
    expectTypeOf(client.messages.create(toAnthropic(reply))).resolves.toExtend<Anthropic.Message>();
  });

  it('rejects structured output from a free-text prompt and a string', () => {
    // @ts-expect-error support-reply declares no output schema (outputJsonSchema: null)
    toAnthropic(reply, { output: supportReply });
    // @ts-expect-error a string is not a render result
    toAnthropic('Where is my order?');
    // @ts-expect-error maxTokens is a number of tokens
    toAnthropic(reply, { maxTokens: '1024' });
  });
});
