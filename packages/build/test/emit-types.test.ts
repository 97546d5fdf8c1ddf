import type { ObjectNode } from '@promptpack/spec';
import { expect, test } from 'vitest';
import { emitMembers, emitType, toJsonSchema } from '../src/index.js';
import { jsonLiteral } from '../src/literals.js';

const node: ObjectNode = {
  type: 'object',
  properties: {
    label: { type: 'string', enum: ["it's", 'say "hi"'], description: 'Ends a comment: */ here' },
    scores: { type: 'array', items: { type: 'array', items: { type: 'integer', enum: [1, 2] } } },
    flags: { type: 'array', items: { type: 'boolean' } },
    nested: {
      type: 'object',
      description: 'Two\nlines',
      properties: { when: { type: 'string' } },
    },
  },
  required: ['label'],
};

test('emits TypeScript types with optional members and JSDoc', () => {
  expect(emitMembers(node, '  ')).toBe(
    [
      '  /** Ends a comment: *\\/ here */',
      `  label: 'it\\'s' | 'say "hi"';`,
      '  scores?: Array<Array<1 | 2>>;',
      '  flags?: boolean[];',
      '  /**',
      '   * Two',
      '   * lines',
      '   */',
      '  nested?: {',
      '    when?: string;',
      '  };',
      '',
    ].join('\n'),
  );
  expect(emitType({ type: 'number', enum: [-0, 1.5] })).toBe('-0 | 1.5');
});

test('emits JSON Schema with a fixed key order and closed objects', () => {
  const reordered: ObjectNode = { required: ['b'], properties: { b: { maxLength: 3, type: 'string' }, a: { type: 'integer' } }, type: 'object' };
  expect(JSON.stringify(toJsonSchema(reordered))).toBe(
    '{"type":"object","properties":{"b":{"type":"string","maxLength":3},"a":{"type":"integer"}},"required":["b"],"additionalProperties":false}',
  );
  expect(toJsonSchema({ type: 'array', items: { type: 'object', properties: {} } })).toEqual({
    type: 'array',
    items: { type: 'object', properties: {}, required: [], additionalProperties: false },
  });
});

test('data literals keep a __proto__ key as a property', () => {
  const value = JSON.parse('{"a": {"__proto__": {"b": 1}}, "c": "\\"__proto__\\": x"}');
  const literal = jsonLiteral(value);
  expect(literal).toContain('["__proto__"]: {');
  const evaluated = new Function(`return ${literal};`)() as { a: object; c: string };
  expect(Object.keys(evaluated.a)).toEqual(['__proto__']);
  expect(evaluated.c).toBe('"__proto__": x');
});
