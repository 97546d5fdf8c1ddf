import { assertionSchema } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { assertionTypes, checkAssertion, type Assertion, type AssertionContext } from '../src/index.js';

const outputSchema = {
  type: 'object',
  properties: {
    decision: { type: 'string', enum: ['approve', 'deny', 'escalate'] },
    amountCents: { type: 'integer', minimum: 1, maximum: 50000 },
    refund: { type: 'object', properties: { method: { type: 'string' } }, required: ['method'], additionalProperties: false },
  },
  required: ['decision', 'amountCents'],
  additionalProperties: false,
};
const lookupOrder = {
  name: 'lookup_order',
  description: 'Looks an order up by its id.',
  parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'], additionalProperties: false },
};
const json = '{"decision":"approve","amountCents":4999,"refund":{"method":"card"}}';
const parsed = JSON.parse(json) as unknown;
const prose = "Hi Ada,\n\nYour order NW-10482 has shipped and should arrive Friday.\n\nBest, Sam";

interface Row {
  assertion: Assertion;
  context?: Partial<AssertionContext>;
  pass: boolean;
  /** A part of the reason. */
  reason: string;
}

// One row per behaviour; every type has at least one passing and one failing row (checked below).
// Model-graded assertions are graded before scoring (a judge, an embeddings endpoint); checkAssertion reads the verdict kept for that very assertion object.
const rubric: Assertion = { type: 'llm-rubric', value: 'Says it shipped.' };
const similar: Assertion = { type: 'similar', value: 'It shipped.' };
const notSimilar: Assertion = { type: 'not-similar', value: 'It shipped.' };
const graded = (assertion: Assertion, pass: boolean, reason: string) => ({ graded: new Map([[assertion, { pass, reason }]]) });

const rows: Row[] = [
  { assertion: rubric, context: graded(rubric, true, 'judge says pass (score 1): ok'), pass: true, reason: 'judge says pass' },
  { assertion: rubric, context: graded(rubric, false, 'judge says fail (score 0): no'), pass: false, reason: 'judge says fail' },
  { assertion: { type: 'llm-rubric', value: 'Says it shipped.' }, context: graded(rubric, true, 'of another assertion'), pass: false, reason: 'not graded: llm-rubric needs a judge' },
  { assertion: similar, context: graded(similar, true, 'similarity 0.900'), pass: true, reason: 'similarity 0.900' },
  { assertion: similar, context: graded(similar, false, 'similarity 0.100'), pass: false, reason: 'similarity 0.100' },
  { assertion: notSimilar, context: graded(notSimilar, true, 'similarity 0.100'), pass: true, reason: 'similarity 0.100' },
  { assertion: notSimilar, context: {}, pass: false, reason: 'not graded: not-similar' },
  { assertion: { type: 'equals', value: 'approve' }, context: { text: 'approve' }, pass: true, reason: 'is exactly "approve"' },
  { assertion: { type: 'equals', value: 'approve' }, context: { text: 'Approve' }, pass: false, reason: 'is "Approve", not exactly "approve"' },
  // promptfoo's meaning: the answer as it came, so a trailing newline counts (a YAML `value: |` block ends in one).
  { assertion: { type: 'equals', value: 'approve' }, context: { text: 'approve\n' }, pass: false, reason: 'is "approve\\n", not exactly "approve"' },
  { assertion: { type: 'equals', value: 'approve\n' }, context: { text: 'approve\n' }, pass: true, reason: 'is exactly "approve\\n"' },
  { assertion: { type: 'equals', value: 42 }, context: { text: '42' }, pass: true, reason: 'is exactly "42"' },
  { assertion: { type: 'equals', value: { decision: 'approve', amountCents: 4999, refund: { method: 'card' } } }, context: { text: `\n${json}\n` }, pass: true, reason: 'is JSON equal to' },
  { assertion: { type: 'equals', value: ['a', 'b'] }, context: { text: '["b","a"]' }, pass: false, reason: 'is JSON "[\\"b\\",\\"a\\"]", not equal to ["a","b"]' },
  { assertion: { type: 'equals', value: { a: 1 } }, context: { text: 'a: 1' }, pass: false, reason: 'not JSON' },
  { assertion: { type: 'not-equals', value: 'approve' }, context: { text: 'deny' }, pass: true, reason: 'is "deny", not exactly "approve"' },
  { assertion: { type: 'not-equals', value: 'approve' }, context: { text: 'approve' }, pass: false, reason: 'is exactly "approve"' },
  { assertion: { type: 'contains', value: 'NW-10482' }, pass: true, reason: 'contains "NW-10482"' },
  { assertion: { type: 'contains', value: 'nw-10482' }, pass: false, reason: 'does not contain "nw-10482"' },
  { assertion: { type: 'icontains', value: 'SHIPPED' }, pass: true, reason: '(any case)' },
  { assertion: { type: 'icontains', value: 'delivered' }, pass: false, reason: 'does not contain "delivered" (any case)' },
  { assertion: { type: 'not-contains', value: 'tracking' }, pass: true, reason: 'does not contain "tracking"' },
  { assertion: { type: 'not-contains', value: 'shipped' }, pass: false, reason: 'contains "shipped" at line 3, column 25' },
  { assertion: { type: 'not-icontains', value: 'refund' }, pass: true, reason: 'does not contain' },
  { assertion: { type: 'not-icontains', value: 'ORDER' }, pass: false, reason: 'contains "order" at line 3, column 6' },
  { assertion: { type: 'starts-with', value: 'Hi Ada' }, pass: true, reason: 'starts with "Hi Ada"' },
  { assertion: { type: 'starts-with', value: 'Hi Ada' }, context: { text: `\n${prose}` }, pass: false, reason: 'starts with "\\nHi Ada,\\n\\nYour order NW-10', },
  { assertion: { type: 'starts-with', value: '{' }, pass: false, reason: 'starts with "Hi Ada,\\n\\nYour order NW-104', },
  { assertion: { type: 'not-starts-with', value: 'Sure' }, pass: true, reason: ', not "Sure"' },
  { assertion: { type: 'not-starts-with', value: 'Hi' }, pass: false, reason: 'starts with "Hi"' },
  { assertion: { type: 'contains-any', value: ['Monday', 'Friday'] }, pass: true, reason: 'contains "Friday"' },
  { assertion: { type: 'contains-any', value: ['monday', 'friday'] }, pass: false, reason: 'contains none of ["monday", "friday"]' },
  { assertion: { type: 'contains-all', value: ['Ada', 'NW-10482'] }, pass: true, reason: 'contains all of' },
  { assertion: { type: 'contains-all', value: ['Ada', 'NW-99999', 'Sam', 'tracking'] }, pass: false, reason: 'missing ["NW-99999", "tracking"]' },
  { assertion: { type: 'icontains-any', value: ['MONDAY', 'FRIDAY'] }, pass: true, reason: 'contains "FRIDAY"' },
  { assertion: { type: 'icontains-any', value: ['tuesday'] }, pass: false, reason: 'contains none of ["tuesday"] (any case)' },
  { assertion: { type: 'icontains-all', value: ['ada', 'SAM'] }, pass: true, reason: 'contains all of' },
  { assertion: { type: 'icontains-all', value: ['ada', 'eve'] }, pass: false, reason: 'missing ["eve"] (any case)' },
  { assertion: { type: 'not-contains-any', value: ['tracking', 'refund'] }, pass: true, reason: 'contains none of ["tracking", "refund"]' },
  { assertion: { type: 'not-contains-any', value: ['tracking', 'Friday'] }, pass: false, reason: 'contains "Friday"' },
  { assertion: { type: 'not-icontains-any', value: ['TRACKING'] }, pass: true, reason: 'contains none of ["TRACKING"] (any case)' },
  { assertion: { type: 'not-icontains-any', value: ['FRIDAY'] }, pass: false, reason: 'contains "FRIDAY"' },
  { assertion: { type: 'not-contains-all', value: ['Ada', 'NW-99999'] }, pass: true, reason: 'missing ["NW-99999"]' },
  { assertion: { type: 'not-contains-all', value: ['Ada', 'Sam'] }, pass: false, reason: 'contains all of ["Ada", "Sam"]' },
  { assertion: { type: 'not-icontains-all', value: ['ada', 'eve'] }, pass: true, reason: 'missing ["eve"] (any case)' },
  { assertion: { type: 'not-icontains-all', value: ['ada', 'sam'] }, pass: false, reason: 'contains all of' },
  { assertion: { type: 'regex', value: '^(Hi|Hello) Ada' }, pass: true, reason: 'matches /^(Hi|Hello) Ada/ with "Hi Ada"' },
  { assertion: { type: 'regex', value: '^your order', flags: 'im' }, pass: true, reason: 'matches /^your order/im' },
  { assertion: { type: 'regex', value: '^your order', flags: 'i' }, pass: false, reason: 'no match for /^your order/i' },
  { assertion: { type: 'not-regex', value: '1Z[0-9A-Z]{16}' }, pass: true, reason: 'no match' },
  { assertion: { type: 'not-regex', value: 'nw-\\d+', flags: 'i' }, pass: false, reason: 'matches /nw-\\d+/i with "NW-10482" at line 3, column 12' },
  { assertion: { type: 'is-json' }, context: { text: `\n${json}\n` }, pass: true, reason: 'is JSON' },
  { assertion: { type: 'is-json' }, context: { text: `\`\`\`json\n${json}\n\`\`\`` }, pass: false, reason: 'not JSON' },
  { assertion: { type: 'is-json' }, context: { text: `\u00a0${json}` }, pass: false, reason: 'not JSON' },
  { assertion: { type: 'is-json', value: { type: 'object', properties: { decision: { type: 'string' } }, required: ['decision'] } }, context: { text: json }, pass: true, reason: 'fits the given schema' },
  { assertion: { type: 'is-json', value: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] } }, context: { text: json }, pass: false, reason: "must have required property 'label'" },
  { assertion: { type: 'not-is-json' }, pass: true, reason: 'not JSON' },
  { assertion: { type: 'not-is-json' }, context: { text: '[1, 2]' }, pass: false, reason: 'is JSON' },
  { assertion: { type: 'contains-json' }, context: { text: `Here it is:\n\`\`\`json\n${json}\n\`\`\`` }, pass: true, reason: 'contains a JSON object' },
  { assertion: { type: 'contains-json' }, context: { text: 'Result: {"a": "}"} and {bad {"b":2}}' }, pass: true, reason: 'contains 2 JSON objects' },
  { assertion: { type: 'contains-json' }, context: { text: 'Result: {decision: approve}' }, pass: false, reason: 'contains no JSON object' },
  { assertion: { type: 'contains-json', value: { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] } }, context: { text: '{"a":1} then {"b":2}' }, pass: true, reason: 'fits the given schema' },
  { assertion: { type: 'contains-json', value: { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] } }, context: { text: '{"a":1}' }, pass: false, reason: "none fitting the given schema: (root) must have required property 'b'" },
  { assertion: { type: 'not-contains-json' }, pass: true, reason: 'contains no JSON object' },
  { assertion: { type: 'not-contains-json' }, context: { text: 'ok {"a":1}' }, pass: false, reason: 'contains a JSON object' },
  { assertion: { type: 'json-schema' }, context: { text: json }, pass: true, reason: "matches the prompt's output schema" },
  { assertion: { type: 'json-schema' }, context: { text: `\`\`\`json\n${json}\n\`\`\`` }, pass: true, reason: "prompt's output schema" },
  { assertion: { type: 'json-schema' }, context: { text: '{"decision":"maybe","amountCents":0,"extra":1}' }, pass: false, reason: '/decision must be equal to one of the allowed values' },
  { assertion: { type: 'json-schema' }, context: { text: '{"decision":"approve","amountCents":0,"extra":1}' }, pass: false, reason: '(root) must NOT have additional properties (extra)' },
  { assertion: { type: 'json-schema' }, context: { text: 'Sure! approve' }, pass: false, reason: 'not JSON' },
  { assertion: { type: 'json-schema' }, context: { text: '"approve"', outputSchema: null }, pass: false, reason: 'the prompt declares no output schema' },
  {
    assertion: { type: 'json-schema', value: { type: 'object', properties: { label: { type: 'string', enum: ['spam', 'ham'] } }, required: ['label'] } },
    context: { text: '{"label":"spam"}', outputSchema: null },
    pass: true,
    reason: 'matches the given schema',
  },
  {
    // An inline schema is the prompt format's subset: objects are closed even without additionalProperties.
    assertion: { type: 'json-schema', value: { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] } },
    context: { text: '{"label":"spam","score":1}' },
    pass: false,
    reason: 'must NOT have additional properties (score)',
  },
  { assertion: { type: 'field-equals', path: 'decision', value: 'approve' }, context: { text: json, parsed }, pass: true, reason: 'decision is "approve"' },
  { assertion: { type: 'field-equals', path: 'amountCents', value: 4999 }, context: { text: json, parsed }, pass: true, reason: 'amountCents is 4999' },
  { assertion: { type: 'field-equals', path: 'refund.method', value: 'card' }, context: { text: json, parsed }, pass: true, reason: 'refund.method is "card"' },
  { assertion: { type: 'field-equals', path: 'amountCents', value: '4999' }, context: { text: json, parsed }, pass: false, reason: 'amountCents is 4999, expected "4999"' },
  { assertion: { type: 'field-equals', path: 'refund.account', value: null }, context: { text: json, parsed }, pass: false, reason: 'refund.account is missing' },
  {
    assertion: { type: 'field-equals', path: 'decision', value: 'deny' },
    context: { text: '{"decision":"approve","amountCents":0}', parsed: undefined },
    pass: false,
    reason: "decision is \"approve\" (read from raw JSON: the output does not match the prompt's schema), expected \"deny\"",
  },
  { assertion: { type: 'field-equals', path: 'decision', value: 'deny' }, context: { text: 'I would deny this.' }, pass: false, reason: 'decision: the output is not JSON' },
  { assertion: { type: 'is-refusal' }, context: { text: 'I’m sorry, but I can’t share another customer’s address.' }, pass: true, reason: 'refuses' },
  { assertion: { type: 'is-refusal' }, context: { text: '   ' }, pass: true, reason: '(empty answer)' },
  { assertion: { type: 'is-refusal' }, pass: false, reason: 'no refusal phrase in "Hi Ada, Your order' },
  { assertion: { type: 'not-is-refusal' }, pass: true, reason: 'does not refuse' },
  { assertion: { type: 'not-is-refusal' }, context: { text: 'I cannot help with homework essays.' }, pass: false, reason: 'refuses ("I cannot help")' },
  { assertion: { type: 'max-words', value: 2 }, context: { text: ' Paris,\u00a0France \n' }, pass: true, reason: '2 words, at most 2' },
  { assertion: { type: 'max-words', value: 13 }, pass: true, reason: '13 words, at most 13' },
  { assertion: { type: 'max-words', value: 12 }, pass: false, reason: '13 words, more than 12' },
  { assertion: { type: 'max-chars', value: 5 }, context: { text: ' héllo\n' }, pass: true, reason: '5 characters, at most 5' },
  { assertion: { type: 'max-chars', value: 4 }, context: { text: 'héllo' }, pass: false, reason: '5 characters, more than 4' },
  { assertion: { type: 'word-count', value: 13 }, pass: true, reason: '13 words, exactly 13' },
  { assertion: { type: 'word-count', value: 12 }, pass: false, reason: '13 words, not exactly 12' },
  { assertion: { type: 'word-count', value: { min: 5, max: 20 } }, pass: true, reason: '13 words, between 5 and 20' },
  { assertion: { type: 'word-count', value: { min: 14 } }, pass: false, reason: '13 words, not at least 14' },
  { assertion: { type: 'word-count', value: { max: 3 } }, context: { text: 'one\u00a0two\u3000three four' }, pass: false, reason: '4 words, not at most 3' },
  { assertion: { type: 'not-word-count', value: { max: 3 } }, pass: true, reason: '13 words, not at most 3' },
  { assertion: { type: 'not-word-count', value: 13 }, pass: false, reason: '13 words, exactly 13' },
  { assertion: { type: 'finish-reason', value: 'stop' }, context: { finishReason: 'stop' }, pass: true, reason: 'finish reason "stop"' },
  { assertion: { type: 'finish-reason', value: 'STOP' }, context: { finishReason: 'length' }, pass: false, reason: 'finish reason "length", not "STOP"' },
  { assertion: { type: 'finish-reason', value: 'stop' }, pass: false, reason: 'finish reason unknown' },
  { assertion: { type: 'not-finish-reason', value: 'length' }, context: { finishReason: 'stop' }, pass: true, reason: 'finish reason "stop", not "length"' },
  { assertion: { type: 'not-finish-reason', value: 'length' }, context: { finishReason: 'length' }, pass: false, reason: 'finish reason "length"' },
  { assertion: { type: 'levenshtein', value: 'kitten' }, context: { text: 'sitting' }, pass: true, reason: 'edit distance 3 from "kitten", at most 5' },
  { assertion: { type: 'levenshtein', value: 'kitten', threshold: 2 }, context: { text: 'sitting' }, pass: false, reason: 'edit distance 3 from "kitten", more than 2' },
  { assertion: { type: 'not-levenshtein', value: 'Paris', threshold: 0 }, context: { text: 'Paris\n' }, pass: true, reason: 'edit distance 1' },
  { assertion: { type: 'not-levenshtein', value: 'Paris' }, context: { text: 'paris' }, pass: false, reason: 'edit distance 1 from "Paris", at most 5' },
  { assertion: { type: 'latency', threshold: 2000 }, context: { latencyMs: 2000 }, pass: true, reason: '2000 ms, at most 2000 ms' },
  { assertion: { type: 'latency', threshold: 2000 }, context: { latencyMs: 2001 }, pass: false, reason: '2001 ms, more than 2000 ms' },
  { assertion: { type: 'cost', threshold: 0.001 }, context: { costUsd: 0.000_25 }, pass: true, reason: '$0.000250, at most $0.001' },
  { assertion: { type: 'cost', threshold: 0.001 }, context: { costUsd: 0.0125 }, pass: false, reason: '$0.0125, more than $0.001' },
  { assertion: { type: 'cost', threshold: 0.001 }, pass: false, reason: 'cost unknown' },
  // Tool calls: the full behaviour is in tool-checks.test.ts; one row each way here keeps the list complete.
  { assertion: { type: 'tool-called', name: 'lookup_order' }, context: { toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: { orderId: 'A-1' } }] }, pass: true, reason: 'called "lookup_order"' },
  { assertion: { type: 'tool-called', name: 'lookup_order' }, context: { toolCalls: [] }, pass: false, reason: 'called no tool, expected a call of "lookup_order"' },
  { assertion: { type: 'not-tool-called' }, context: { toolCalls: [] }, pass: true, reason: 'called no tool' },
  { assertion: { type: 'not-tool-called', name: 'issue_refund' }, context: { toolCalls: [{ id: 'c1', name: 'issue_refund', arguments: {} }] }, pass: false, reason: 'called "issue_refund" once, expected no call of it' },
  { assertion: { type: 'is-valid-openai-tools-call' }, context: { toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: { orderId: 'A-1' } }], tools: [lookupOrder] }, pass: true, reason: 'one tool call, each of a declared tool with valid arguments' },
  { assertion: { type: 'is-valid-openai-tools-call' }, context: { toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: {} }], tools: [lookupOrder] }, pass: false, reason: "must have required property 'orderId'" },
  { assertion: { type: 'not-is-valid-openai-tools-call' }, context: { toolCalls: [] }, pass: true, reason: 'called no tool' },
  { assertion: { type: 'not-is-valid-openai-tools-call' }, context: { toolCalls: [{ id: 'c1', name: 'lookup_order', arguments: { orderId: 'A-1' } }], tools: [lookupOrder] }, pass: false, reason: 'one tool call' },
];

const base: AssertionContext = { text: prose, latencyMs: 100, outputSchema };

describe('checkAssertion', () => {
  it.each(rows.map((row) => [`${row.assertion.type} ${row.pass ? 'passes' : 'fails'}: ${row.reason}`, row] as const))('%s', (_name, row) => {
    const check = checkAssertion(row.assertion, { ...base, ...row.context });
    expect(check.reason).toContain(row.reason);
    expect(check.pass).toBe(row.pass);
  });

  it('has a passing and a failing row for every assertion type', () => {
    for (const type of assertionTypes) {
      expect(rows.some((row) => row.assertion.type === type && row.pass), `${type} passing`).toBe(true);
      expect(rows.some((row) => row.assertion.type === type && !row.pass), `${type} failing`).toBe(true);
    }
  });

  it('scores exactly the assertion types the evals.yaml schema accepts', () => {
    const schemaTypes = assertionSchema.options.flatMap((option) => {
      const type = option.shape.type as unknown as { options?: string[]; value?: string };
      return type.options ?? [type.value as string];
    });
    // `human` is graded by a person on the review page, never by a check (run-evals leaves it out of scoring).
    expect([...assertionTypes].sort()).toEqual([...new Set(schemaTypes)].filter((type) => type !== 'human').sort());
  });

  it('fails, rather than throws, on a type it does not know', () => {
    const check = checkAssertion({ type: 'g-eval', value: 'x' } as unknown as Assertion, base);
    expect(check).toEqual({ pass: false, reason: expect.stringContaining('unknown assertion type "g-eval"') });
  });
});
