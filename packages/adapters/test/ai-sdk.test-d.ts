import type { RuntimeRenderResult } from '@promptpack/runtime';
import { generateObject, generateText, type LanguageModel } from 'ai';
import { describe, expectTypeOf, it } from 'vitest';
import { toAiSdkObject, toAiSdkText } from '../src/ai-sdk/index.js';
import { refundTriage, supportReply, type ReplyResult, type TriageOutput, type TriageResult } from './declared-prompts.js';

declare const triage: RuntimeRenderResult<TriageResult>;
declare const reply: ReplyResult;
declare const model: LanguageModel;

describe('ai-sdk adapter types', () => {
  it("fits generateText's and generateObject's own parameters once a model is added", () => {
    expectTypeOf({ model, ...toAiSdkText(reply) }).toExtend<Parameters<typeof generateText>[0]>();
    expectTypeOf({ model, ...toAiSdkObject(triage, refundTriage) }).toExtend<Parameters<typeof generateObject>[0]>();
  });

  it("types generateObject's object as the package's Output", async () => {
    const { object } = await generateObject({ model, ...toAiSdkObject(triage, refundTriage) });
    expectTypeOf(object).toEqualTypeOf<TriageOutput>();
  });

  it('rejects an object request for a free-text prompt, or without a package', () => {
    // @ts-expect-error support-reply declares no output schema (outputJsonSchema: null)
    toAiSdkObject(reply, supportReply);
    // @ts-expect-error the output schema comes from the package: it is required
    toAiSdkObject(triage);
    // @ts-expect-error a string is not a render result
    toAiSdkText('Where is my order?');
  });
});
