import { describe, expect, it } from 'vitest';
import { checkAssertion, type Assertion, type AssertionContext, type ModelToolCall, type ToolDefinition } from '../src/index.js';
import { readToolCall } from '../src/tool-call.js';

const tools: ToolDefinition[] = [
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
      properties: { orderId: { type: 'string' }, amountCents: { type: 'integer', minimum: 1 }, lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'], additionalProperties: false } } },
      required: ['orderId', 'amountCents'],
      additionalProperties: false,
    },
    strict: false,
  },
];

const lookup = (orderId: unknown, id = 'call_1'): ModelToolCall => ({ id, name: 'lookup_order', arguments: { orderId } });
const refund = (args: unknown, id = 'call_2'): ModelToolCall => ({ id, name: 'issue_refund', arguments: args });

function check(assertion: Assertion, toolCalls: readonly ModelToolCall[], context: Partial<AssertionContext> = {}) {
  return checkAssertion(assertion, { text: '', latencyMs: 0, outputSchema: null, toolCalls, tools, ...context });
}

describe('readToolCall', () => {
  it('parses the JSON arguments a provider sends as text', () => {
    expect(readToolCall('call_1', 'lookup_order', '{"orderId":"A-1"}')).toEqual({ id: 'call_1', name: 'lookup_order', arguments: { orderId: 'A-1' } });
  });

  it.each(['{"orderId": "A-1"', 'orderId=A-1', '', "{'orderId': 'A-1'}"])('keeps %j raw instead of throwing', (text) => {
    expect(readToolCall('call_1', 'lookup_order', text)).toEqual({ id: 'call_1', name: 'lookup_order', unparsedArguments: text });
  });

  it('keeps a __proto__ key as data: the parsed object has it as its own key and Object.prototype is untouched', () => {
    const call = readToolCall('call_1', 'issue_refund', '{"__proto__":{"polluted":true},"orderId":"A-1"}');
    expect(Object.hasOwn(call.arguments as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('tool-called', () => {
  it.each<[string, Assertion, ModelToolCall[], boolean, string]>([
    ['the name alone', { type: 'tool-called', name: 'lookup_order' }, [lookup('A-1')], true, 'called "lookup_order"'],
    ['any call of several', { type: 'tool-called', name: 'issue_refund' }, [lookup('A-1'), refund({ orderId: 'A-1', amountCents: 1 })], true, 'called "issue_refund"'],
    ['another tool only', { type: 'tool-called', name: 'issue_refund' }, [lookup('A-1')], false, 'called ["lookup_order"], not "issue_refund"'],
    ['no call', { type: 'tool-called', name: 'lookup_order' }, [], false, 'called no tool'],
    ['given keys equal', { type: 'tool-called', name: 'issue_refund', arguments: { amountCents: 1200 } }, [refund({ orderId: 'A-1', amountCents: 1200 })], true, 'with matching arguments'],
    ['a given key differs', { type: 'tool-called', name: 'issue_refund', arguments: { amountCents: 1200 } }, [refund({ orderId: 'A-1', amountCents: 9000 })], false, 'amountCents is "9000", expected "1200"'],
    ['a given key is missing', { type: 'tool-called', name: 'issue_refund', arguments: { amountCents: 1200 } }, [refund({ orderId: 'A-1' })], false, 'amountCents is missing, expected "1200"'],
    ['nested values deep-equal, key order aside', { type: 'tool-called', name: 'issue_refund', arguments: { lines: [{ sku: 'x' }] } }, [refund({ lines: [{ sku: 'x' }], orderId: 'A-1' })], true, 'with matching arguments'],
    ['a type that differs is not equal', { type: 'tool-called', name: 'issue_refund', arguments: { amountCents: 1200 } }, [refund({ amountCents: '1200' })], false, 'amountCents is "\\"1200\\"", expected "1200"'],
    ['the second call matches', { type: 'tool-called', name: 'lookup_order', arguments: { orderId: 'B-2' } }, [lookup('A-1'), lookup('B-2', 'call_3')], true, 'with matching arguments'],
    ['no call matches: each says why', { type: 'tool-called', name: 'lookup_order', arguments: { orderId: 'C-3' } }, [lookup('A-1'), lookup('B-2', 'call_3')], false, 'called "lookup_order" 2 times, with other arguments: call 1: orderId is "\\"A-1\\"", expected "\\"C-3\\""; call 2: orderId is "\\"B-2\\""'],
    ['arguments that are not an object', { type: 'tool-called', name: 'issue_refund', arguments: { amountCents: 1 } }, [refund([1, 2])], false, 'the arguments are "[1,2]", not an object'],
    ['a schema that fits', { type: 'tool-called', name: 'issue_refund', schema: { type: 'object', properties: { orderId: { type: 'string' }, amountCents: { type: 'integer', maximum: 50000 } } } }, [refund({ orderId: 'A-1', amountCents: 50000 })], true, 'with matching arguments'],
    ['a schema that does not fit', { type: 'tool-called', name: 'issue_refund', schema: { type: 'object', properties: { orderId: { type: 'string' }, amountCents: { type: 'integer', maximum: 50000 } } } }, [refund({ orderId: 'A-1', amountCents: 50001 })], false, 'does not fit the given schema: /amountCents must be <= 50000'],
    ['a schema closes objects, as the variables subset does', { type: 'tool-called', name: 'issue_refund', schema: { type: 'object', properties: { orderId: { type: 'string' } } } }, [refund({ orderId: 'A-1', amountCents: 1 })], false, 'must NOT have additional properties (amountCents)'],
  ])('%s', (_name, assertion, calls, pass, reason) => {
    const result = check(assertion, calls);
    expect(result.reason).toContain(reason);
    expect(result.pass).toBe(pass);
  });

  it('reports arguments that are not JSON as such, with the text the model wrote', () => {
    const result = check({ type: 'tool-called', name: 'issue_refund', arguments: { amountCents: 1 } }, [readToolCall('call_1', 'issue_refund', '{"amountCents": 1,')]);
    expect(result).toEqual({ pass: false, reason: 'called "issue_refund" once, with other arguments: the arguments are not JSON: "{\\"amountCents\\": 1,"' });
  });

  it('passes on the name alone even when the arguments are not JSON: nothing about them was asked', () => {
    expect(check({ type: 'tool-called', name: 'issue_refund' }, [readToolCall('call_1', 'issue_refund', 'not json')]).pass).toBe(true);
  });

  it('never reads a key off the prototype: __proto__, constructor and toString are compared as own data', () => {
    const hostile = JSON.parse('{"__proto__":{"admin":true},"constructor":"x"}') as Record<string, unknown>;
    const call = refund(hostile);
    expect(check({ type: 'tool-called', name: 'issue_refund', arguments: { constructor: 'x' } }, [call]).pass).toBe(true);
    expect(check({ type: 'tool-called', name: 'issue_refund', arguments: { toString: 'x' } }, [call])).toEqual({ pass: false, reason: expect.stringContaining('toString is missing') });
    expect(check({ type: 'tool-called', name: 'issue_refund', arguments: { constructor: 'x' } }, [refund({ orderId: 'A-1' })])).toEqual({ pass: false, reason: expect.stringContaining('constructor is missing') });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('fails with a reason, never throws, on arguments nested deeper than the stack', () => {
    const depth = 200_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    const expected = JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown;
    const calls = [refund({ lines: deep })];
    const equal = check({ type: 'tool-called', name: 'issue_refund', arguments: { lines: expected as never } }, calls);
    expect(equal.pass).toBe(false);
    const schema = check({ type: 'tool-called', name: 'issue_refund', schema: { type: 'object', properties: { lines: { type: 'array', items: { type: 'string' } } } } }, calls);
    expect(schema.pass).toBe(false);
    expect(schema.reason).toContain('does not fit the given schema');
  });

  it('keeps a reason short when the arguments are huge', () => {
    const big = 'x'.repeat(1_000_000);
    const result = check({ type: 'tool-called', name: 'issue_refund', arguments: { orderId: 'A-1' } }, [refund({ orderId: big })]);
    expect(result.pass).toBe(false);
    expect(result.reason.length).toBeLessThan(300);
  });
});

describe('not-tool-called', () => {
  it.each<[string, Assertion, ModelToolCall[], boolean, string]>([
    ['no name, no call', { type: 'not-tool-called' }, [], true, 'called no tool'],
    ['no name, a call', { type: 'not-tool-called' }, [lookup('A-1'), refund({}), lookup('B-2')], false, 'called ["lookup_order", "issue_refund"], expected no tool call'],
    ['a name, another tool called', { type: 'not-tool-called', name: 'issue_refund' }, [lookup('A-1')], true, 'did not call "issue_refund"'],
    ['a name, that tool called twice', { type: 'not-tool-called', name: 'issue_refund' }, [refund({}), refund({}, 'call_9')], false, 'called "issue_refund" 2 times, expected no call of it'],
  ])('%s', (_name, assertion, calls, pass, reason) => {
    expect(check(assertion, calls)).toEqual({ pass, reason });
  });

  it('treats an answer with no tool calls reported (an older provider) as calling none', () => {
    expect(checkAssertion({ type: 'not-tool-called' }, { text: 'Hello', latencyMs: 0, outputSchema: null }).pass).toBe(true);
  });
});

describe('is-valid-openai-tools-call (promptfoo 0.123.1 meaning)', () => {
  it.each<[string, ModelToolCall[], ToolDefinition[], boolean, string]>([
    ['one valid call', [lookup('A-1')], tools, true, 'one tool call, each of a declared tool with valid arguments'],
    ['every call valid', [lookup('A-1'), refund({ orderId: 'A-1', amountCents: 5 })], tools, true, '2 tool calls'],
    ['no call at all', [], tools, false, 'called no tool: a valid tools call needs at least one'],
    ['a tool the prompt does not declare', [{ id: 'c', name: 'delete_account', arguments: {} }], tools, false, 'called "delete_account", which the prompt does not declare (it declares ["lookup_order", "issue_refund"])'],
    ['one bad call among good ones', [lookup('A-1'), refund({ orderId: 'A-1', amountCents: 0 })], tools, false, '"issue_refund": the arguments do not fit its parameters: /amountCents must be >= 1'],
    ['an unknown argument', [refund({ orderId: 'A-1', amountCents: 5, approvedBy: 'me' })], tools, false, 'must NOT have additional properties (approvedBy)'],
    ['a pattern the argument breaks', [lookup('a1')], tools, false, '/orderId must match pattern'],
    ['no tools declared', [lookup('A-1')], [], false, 'the prompt declares no tools'],
  ])('%s', (_name, calls, declared, pass, reason) => {
    const result = check({ type: 'is-valid-openai-tools-call' }, calls, { tools: declared });
    expect(result.reason).toContain(reason);
    expect(result.pass).toBe(pass);
  });

  it('fails arguments that are not JSON, as promptfoo does when JSON.parse throws', () => {
    expect(check({ type: 'is-valid-openai-tools-call' }, [readToolCall('c', 'lookup_order', '{orderId: A-1}')])).toEqual({ pass: false, reason: '"lookup_order": the arguments are not JSON: "{orderId: A-1}"' });
  });

  it('not-is-valid-openai-tools-call is its negation (promptfoo 0.123.1 ignores the not- here; see docs/evals.md)', () => {
    expect(check({ type: 'not-is-valid-openai-tools-call' }, []).pass).toBe(true);
    expect(check({ type: 'not-is-valid-openai-tools-call' }, [lookup('A-1')]).pass).toBe(false);
    expect(check({ type: 'not-is-valid-openai-tools-call' }, [lookup('a1')]).pass).toBe(true);
  });
});

describe('tool assertions in a refusal case', () => {
  it('a failed not-tool-called is forbidden behaviour: soft assertions do not rescue it', async () => {
    const { scoreRun } = await import('../src/index.js');
    const scored = scoreRun(
      { refusal: true, assert: [{ type: 'not-tool-called', name: 'issue_refund' }], soft: [{ type: 'icontains', value: 'sorry' }] },
      { text: 'Sorry, done.', latencyMs: 0, outputSchema: null, toolCalls: [refund({ orderId: 'A-1', amountCents: 100 })] },
    );
    expect(scored.outcome).toBe('fail');
  });
});
