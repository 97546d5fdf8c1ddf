// Types of a generated package's tools and streamed output, checked by tsc
// against the pinned build of __fixtures__/support-mini (which declares
// lookup_order and issue_refund in tools.yaml).
import { describe, expectTypeOf, test } from 'vitest';
import prompt, {
  parsePartialOutput,
  parseToolCall,
  PromptToolCallError,
  render,
  safeParsePartialOutput,
  safeParseToolCall,
  tools,
  type PartialOutput,
  type Tool,
  type ToolArguments,
  type ToolCall,
  type ToolName,
} from './__snapshots__/support-mini/index.js';

describe('tools', () => {
  test('a checked call narrows its arguments by tool name', () => {
    const call = parseToolCall({ name: 'lookup_order', arguments: '{}' });
    expectTypeOf(call).toEqualTypeOf<ToolCall>();
    if (call.name === 'issue_refund') {
      expectTypeOf(call.arguments).toEqualTypeOf<ToolArguments['issue_refund']>();
      expectTypeOf(call.arguments.amountCents).toEqualTypeOf<number>();
      expectTypeOf(call.arguments.reason).toEqualTypeOf<'damaged' | 'late' | 'other' | undefined>();
      // @ts-expect-error -- issue_refund takes no includeItems
      void call.arguments.includeItems;
    } else {
      expectTypeOf(call.name).toEqualTypeOf<'lookup_order'>();
      expectTypeOf(call.arguments.includeItems).toEqualTypeOf<boolean>();
    }
  });

  test('tool names are literal types; a misspelt one does not compile', () => {
    expectTypeOf<ToolName>().toEqualTypeOf<'lookup_order' | 'issue_refund'>();
    // @ts-expect-error -- no such tool
    const wrong: ToolName = 'lookup_orders';
    void wrong;
    expectTypeOf(tools).toEqualTypeOf<readonly Tool[]>();
    expectTypeOf(render).returns.toHaveProperty('tools').toEqualTypeOf<readonly Tool[]>();
  });

  test('the safe variant returns the error instead of throwing', () => {
    const result = safeParseToolCall({});
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<ToolCall>();
    else expectTypeOf(result.error).toEqualTypeOf<PromptToolCallError>();
    expectTypeOf(prompt.parseToolCall).toEqualTypeOf(parseToolCall);
  });
});

describe('streamed output', () => {
  test('the partial answer has every field optional, the final one is Output', () => {
    const partial = parsePartialOutput('{"decision": "re');
    expectTypeOf(partial.data).toEqualTypeOf<PartialOutput | undefined>();
    expectTypeOf<PartialOutput>().toEqualTypeOf<{ decision?: 'reply' | 'escalate' | 'refund'; reply?: string; refundCents?: number }>();
    const safe = safeParsePartialOutput('{');
    if (!safe.success) expectTypeOf(safe.error.code).toEqualTypeOf<'prompt/invalid-output'>();
    // @ts-expect-error -- the text received so far is a string
    parsePartialOutput({ decision: 'reply' });
  });
});
