import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { PromptToolCallError, PromptOutputError } from './errors.js';
import { maxArgumentsLength, parsePromptToolCall as parseWith, safeParsePromptToolCall as safeParseWith } from './parse-tool-call.js';
import { testPrompt } from './__fixtures__/test-prompt.js';

const lookupOrder = { name: 'lookup_order', description: 'Looks up an order by its number.', parameters: { type: 'object', properties: { orderId: { type: 'string' } } } };
const issueRefund = { name: 'issue_refund', description: 'Issues a refund.', parameters: { type: 'object', properties: {} } };
const schemas = [z.strictObject({ orderId: z.string().regex(/^NW-[0-9]+$/), includeItems: z.boolean().optional() }), z.strictObject({ orderId: z.string(), amountCents: z.int().min(1).max(20000) })];
const prompt = testPrompt({ tools: [lookupOrder, issueRefund] });
type ToolPrompt = Parameters<typeof safeParseWith>[0];
const safeParsePromptToolCall = (target: ToolPrompt, call: unknown) => safeParseWith(target, target.tools.length > 0 ? schemas : [], call);
const parsePromptToolCall = (target: ToolPrompt, call: unknown) => parseWith(target, target.tools.length > 0 ? schemas : [], call);

describe('safeParsePromptToolCall', () => {
  test("takes each SDK's call shape as it comes", () => {
    const calls: unknown[] = [
      { name: 'lookup_order', arguments: '{"orderId":"NW-1"}' },
      { name: 'lookup_order', arguments: { orderId: 'NW-1' } },
      { id: 'call_1', type: 'function', function: { name: 'lookup_order', arguments: '{"orderId":"NW-1"}' } },
      { type: 'function_call', call_id: 'call_1', name: 'lookup_order', arguments: '{"orderId":"NW-1"}' },
      { type: 'tool_use', id: 'call_1', name: 'lookup_order', input: { orderId: 'NW-1' } },
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookup_order', input: { orderId: 'NW-1' } },
      { toolCallId: 'call_1', toolName: 'lookup_order', args: { orderId: 'NW-1' } },
    ];
    for (const call of calls) {
      const result = safeParsePromptToolCall(prompt, call);
      expect(result.success, JSON.stringify(call)).toBe(true);
      expect(result.success && result.data.name).toBe('lookup_order');
      expect(result.success && result.data.arguments).toEqual({ orderId: 'NW-1' });
    }
    expect(parsePromptToolCall(prompt, calls[2]).id).toBe('call_1');
    expect(parsePromptToolCall(prompt, calls[0]).id).toBeUndefined();
  });

  test('an unknown tool names the known ones and the closest', () => {
    const result = safeParsePromptToolCall(prompt, { name: 'lookup_ordr', arguments: '{}' });
    const error = !result.success ? result.error : undefined;
    expect(PromptToolCallError.isInstance(error)).toBe(true);
    expect(error?.code).toBe('prompt/invalid-tool-call');
    expect(error?.toolName).toBe('lookup_ordr');
    expect(error?.message.split('\n')[1]).toBe('  - call.name: unknown tool "lookup_ordr" (known tools: lookup_order, issue_refund; did you mean "lookup_order"?)');
    expect(error?.issues[0]?.path).toEqual(['name']);
  });

  test('arguments are checked against the tool, every issue with its path', () => {
    const result = safeParsePromptToolCall(prompt, { id: 'c', type: 'function', function: { name: 'issue_refund', arguments: '{"orderId": 7, "amountCents": 50000, "note": "x"}' } });
    const error = !result.success ? result.error : undefined;
    expect(error?.issues.map((issue) => issue.path)).toEqual([['arguments', 'orderId'], ['arguments', 'amountCents'], ['arguments']]);
    expect(error?.message).toContain('  - call.arguments.orderId: expected string, received number');
    expect(error?.message).toContain('  - call.arguments.note: unknown key, not declared in the schema (check its spelling)');
    expect(error?.message).toMatch(/hint: the model may call "lookup_order", "issue_refund" with arguments matching manifest\.tools/);
  });

  test('arguments that are not JSON, too large, or missing a required field', () => {
    const notJson = safeParsePromptToolCall(prompt, { name: 'lookup_order', arguments: '{"orderId": "NW-1"' });
    expect(!notJson.success && notJson.error.message).toMatch(/call\.arguments: the arguments are not JSON/);
    const huge = safeParsePromptToolCall(prompt, { name: 'lookup_order', arguments: `"${'x'.repeat(maxArgumentsLength)}"` });
    expect(!huge.success && huge.error.message).toMatch(/more than the 1048576 a tool call may carry/);
    const empty = safeParsePromptToolCall(prompt, { name: 'lookup_order', arguments: '' });
    expect(!empty.success && empty.error.message).toContain('call.arguments.orderId: expected string');
  });

  test('never throws, whatever the call is', () => {
    const hostile: unknown[] = [
      null,
      'lookup_order',
      [],
      { arguments: '{}' },
      { name: 42 },
      { name: 'lookup_order', arguments: JSON.parse('{"__proto__": {"polluted": true}, "orderId": "NW-1"}') },
      { name: 'lookup_order', arguments: `${'['.repeat(100_000)}` },
      {
        name: 'lookup_order',
        get arguments() {
          throw new Error('getter says no');
        },
      },
    ];
    for (const call of hostile) {
      const result = safeParsePromptToolCall(prompt, call);
      expect(result.success).toBe(false);
      expect(PromptToolCallError.isInstance(!result.success && result.error)).toBe(true);
      expect(PromptOutputError.isInstance(!result.success && result.error)).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a prompt without tools says so', () => {
    const result = safeParsePromptToolCall(testPrompt(), { name: 'anything', arguments: '{}' });
    expect(!result.success && result.error.message).toContain('this prompt declares no tools');
    expect(() => parsePromptToolCall(testPrompt(), { name: 'anything' })).toThrow(PromptToolCallError);
  });
});
