import { schemaToZod } from '@promptpack/core';
import type { SchemaNode } from '@promptpack/spec';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { emitZod } from '../src/index.js';

// Conformance as data: core builds zod at run time (validators, evals), the
// build emits zod source into every package. For each row both must accept
// or reject the value, with the same issues.
type Row = [name: string, schema: SchemaNode, value: unknown, valid: boolean];

const person: SchemaNode = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
  },
  required: ['name'],
};

const rows: Row[] = [
  ['string', { type: 'string' }, 'hi', true],
  ['string rejects number', { type: 'string' }, 1, false],
  ['string rejects undefined', { type: 'string' }, undefined, false],
  ['empty string', { type: 'string' }, '', true],
  ['minLength ok', { type: 'string', minLength: 2 }, 'ab', true],
  ['minLength short', { type: 'string', minLength: 2 }, 'a', false],
  ['maxLength long', { type: 'string', maxLength: 2 }, 'abc', false],
  ['pattern ok', { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }, 'ABC-1234', true],
  ['pattern no match', { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }, 'abc-1234', false],
  ['pattern is unanchored like JSON Schema', { type: 'string', pattern: '\\d' }, 'a1b', true],
  ['pattern with a slash', { type: 'string', pattern: '^a/b$' }, 'a/b', true],
  ['pattern with quotes', { type: 'string', pattern: '^"\'$' }, '"\'', true],
  ['string enum member', { type: 'string', enum: ['a', 'b'] }, 'b', true],
  ['string enum non-member', { type: 'string', enum: ['a', 'b'] }, 'c', false],
  ['string enum ignores other keywords like core', { type: 'string', enum: ['ab'], minLength: 5 }, 'ab', true],
  ['number', { type: 'number' }, 1.5, true],
  ['number rejects string', { type: 'number' }, '1', false],
  ['number rejects NaN', { type: 'number' }, Number.NaN, false],
  ['number rejects Infinity', { type: 'number' }, Infinity, false],
  ['integer', { type: 'integer' }, 3, true],
  ['integer rejects fraction', { type: 'integer' }, 3.5, false],
  ['integer rejects unsafe', { type: 'integer' }, 2 ** 60, false],
  ['minimum inclusive', { type: 'number', minimum: 1 }, 1, true],
  ['minimum below', { type: 'number', minimum: 1 }, 0.5, false],
  ['maximum inclusive', { type: 'integer', maximum: 10 }, 10, true],
  ['maximum above', { type: 'integer', maximum: 10 }, 11, false],
  ['exclusiveMinimum', { type: 'number', exclusiveMinimum: 0 }, 0, false],
  ['exclusiveMaximum', { type: 'number', exclusiveMaximum: 1 }, 0.999, true],
  ['negative bounds', { type: 'number', minimum: -1.5, maximum: -0.5 }, -1, true],
  ['number enum member', { type: 'integer', enum: [1, 2, 3] }, 2, true],
  ['number enum non-member', { type: 'number', enum: [1, 2.5] }, 2, false],
  ['boolean', { type: 'boolean' }, false, true],
  ['boolean rejects string', { type: 'boolean' }, 'true', false],
  ['array', { type: 'array', items: { type: 'integer' } }, [1, 2], true],
  ['array item wrong', { type: 'array', items: { type: 'integer' } }, [1, 'x'], false],
  ['array minItems', { type: 'array', items: { type: 'string' }, minItems: 1 }, [], false],
  ['array maxItems', { type: 'array', items: { type: 'string' }, maxItems: 1 }, ['a', 'b'], false],
  ['array rejects object', { type: 'array', items: { type: 'string' } }, { 0: 'a' }, false],
  ['nested arrays', { type: 'array', items: { type: 'array', items: { type: 'boolean' } } }, [[true], []], true],
  ['object', person, { name: 'Ada', age: 36, tags: ['x'] }, true],
  ['object optional omitted', person, { name: 'Ada' }, true],
  ['object required missing', person, { age: 3 }, false],
  ['object unknown key', person, { name: 'Ada', nmae: 'Ada' }, false],
  ['object optional explicitly undefined', person, { name: 'Ada', age: undefined }, true],
  ['object optional null', person, { name: 'Ada', age: null }, false],
  ['object rejects array', person, [], false],
  ['object rejects null', person, null, false],
  ['object many issues', person, { name: '', age: -1, tags: ['a', 'b', 3], extra: 1 }, false],
  ['empty object', { type: 'object', properties: {} }, {}, true],
  ['empty object rejects keys', { type: 'object', properties: {} }, { a: 1 }, false],
  [
    'deep nesting',
    { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'array', items: person } }, required: ['b'] } }, required: ['a'] },
    { a: { b: [{ name: 'x' }, { name: 'y', age: 1.5 }] } },
    false,
  ],
  [
    // zod never reads a __proto__ key; the point is that the emitted literal
    // declares it as a property instead of setting the prototype.
    'a property named __proto__ is declared, not a prototype',
    { type: 'object', properties: Object.fromEntries([['__proto__', { type: 'string' }]]), required: ['__proto__'] },
    JSON.parse('{"__proto__": 1}'),
    true,
  ],
  ['description does not change validation', { type: 'string', description: 'A */ tricky "description"' }, 'x', true],
];

function evaluate(code: string): z.ZodType {
  return new Function('z', `return ${code};`)(z) as z.ZodType;
}

function summary(result: { success: boolean; error?: { issues: z.core.$ZodIssue[] } }) {
  return { success: result.success, issues: result.error?.issues.map(({ code, path, message }) => ({ code, path, message })) };
}

describe('emitted zod code means what core schemaToZod means', () => {
  test.each(rows)('%s', (_name, schema, value, valid) => {
    const runtime = schemaToZod(schema).safeParse(value);
    const emitted = evaluate(emitZod(schema)).safeParse(value);
    expect(runtime.success).toBe(valid);
    expect(summary(emitted)).toEqual(summary(runtime));
  });
});
