import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { RuntimeRenderResult } from '@promptpack/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import { toLangChain, toLangChainConfig } from '../src/langchain/index.js';
import { refundTriage, type ReplyResult } from './declared-prompts.js';

declare const reply: RuntimeRenderResult<ReplyResult>;
declare const model: BaseChatModel;

describe('langchain adapter types', () => {
  it("returns LangChain's BaseMessage[] and a RunnableConfig part, accepted by invoke()", () => {
    expectTypeOf(toLangChain(reply)).toEqualTypeOf<BaseMessage[]>();
    expectTypeOf(toLangChainConfig(reply)).toExtend<RunnableConfig>();
    model.invoke(toLangChain(reply), toLangChainConfig(reply));
  });

  it('rejects a string and a module in place of a result', () => {
    // @ts-expect-error a string is not a render result
    toLangChain('Where is my order?');
    // @ts-expect-error the package, not what its render() returns
    toLangChain(refundTriage);
  });
});
