import type { Assertion, ToolDefinition } from '../../src/index.js';

/**
 * An answer with tool calls as OpenAI's chat completions sends it: arguments
 * are JSON text (or whatever the model wrote), the form promptfoo's
 * `is-valid-openai-tools-call` reads and promptpack's provider parses.
 */
export interface ToolAnswer {
  text: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
}

export const tools: ToolDefinition[] = [
  {
    name: 'lookup_order',
    description: 'Looks an order up by its id.',
    parameters: { type: 'object', properties: { orderId: { type: 'string', pattern: '^[A-Z]-[0-9]+$' } }, required: ['orderId'], additionalProperties: false },
  },
  {
    name: 'issue_refund',
    description: 'Refunds part or all of an order.',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string' }, amountCents: { type: 'integer', minimum: 1, maximum: 50000 }, reason: { type: 'string', enum: ['late', 'damaged', 'other'] } },
      required: ['orderId', 'amountCents'],
      additionalProperties: false,
    },
  },
];

const call = (name: string, args: string, id = 'call_1') => ({ id, name, arguments: args });

// Where the meaning of "a valid tools call" can part: no call, an unknown
// tool, arguments that are not JSON, break the schema (missing, extra, wrong
// type, out of range, outside an enum), several calls with one bad.
export const toolAnswers: ToolAnswer[] = [
  { text: 'Your order shipped.', toolCalls: [] },
  { text: '', toolCalls: [] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId":"A-1"}')] },
  { text: 'Let me check.', toolCalls: [call('lookup_order', '{"orderId":"A-1"}')] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId":"a1"}')] },
  { text: '', toolCalls: [call('lookup_order', '{}')] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId":"A-1","email":"x@y.z"}')] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId":1}')] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId": "A-1"')] },
  { text: '', toolCalls: [call('lookup_order', '')] },
  { text: '', toolCalls: [call('delete_account', '{}')] },
  { text: '', toolCalls: [call('issue_refund', '{"orderId":"A-1","amountCents":1200}')] },
  { text: '', toolCalls: [call('issue_refund', '{"orderId":"A-1","amountCents":50001}')] },
  { text: '', toolCalls: [call('issue_refund', '{"orderId":"A-1","amountCents":12.5}')] },
  { text: '', toolCalls: [call('issue_refund', '{"orderId":"A-1","amountCents":100,"reason":"bored"}')] },
  { text: '', toolCalls: [call('issue_refund', '{"__proto__":{"x":1},"orderId":"A-1","amountCents":100}')] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId":"A-1"}'), call('issue_refund', '{"orderId":"A-1","amountCents":100,"reason":"late"}', 'call_2')] },
  { text: '', toolCalls: [call('lookup_order', '{"orderId":"A-1"}'), call('issue_refund', '{"orderId":"A-1"}', 'call_2')] },
];

export const toolAssertions: Assertion[] = [{ type: 'is-valid-openai-tools-call' }, { type: 'not-is-valid-openai-tools-call' }];
