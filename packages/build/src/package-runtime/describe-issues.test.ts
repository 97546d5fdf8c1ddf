import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { describeIssues, formatPath } from './describe-issues.js';

function linesFor(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected the input to fail validation');
  return describeIssues(result.error.issues, 'variables', input);
}

describe('describeIssues', () => {
  test('names the path, what was expected and what was received', () => {
    const schema = z.strictObject({ name: z.string(), count: z.number().int(), tags: z.array(z.string()) });
    expect(linesFor(schema, { name: 7, count: 1.5, tags: ['a', 2], extra: true, more: 1 })).toEqual([
      'variables.name: expected string, received number',
      'variables.count: expected integer, received number',
      'variables.tags[1]: expected string, received number',
      'variables.extra: unknown key, not declared in the schema (check its spelling)',
      'variables.more: unknown key, not declared in the schema (check its spelling)',
    ]);
  });

  test('says a missing value is required, and names null and non-finite numbers', () => {
    const schema = z.strictObject({ name: z.string(), note: z.string(), score: z.string() });
    expect(linesFor(schema, { note: null, score: Number.NaN })).toEqual([
      'variables.name: expected string, received undefined (it is required)',
      'variables.note: expected string, received null',
      'variables.score: expected string, received NaN',
    ]);
    expect(linesFor(schema, [])).toEqual(['variables: expected object, received array']);
  });

  test('lists the allowed values, previewing long ones instead of copying them whole', () => {
    expect(linesFor(z.enum(['free', 'pro']), 'gold')).toEqual(['variables: expected one of "free" | "pro", received "gold"']);
    expect(linesFor(z.literal('yes'), 'x'.repeat(100))).toEqual([`variables: expected "yes", received "${'x'.repeat(36)}...`]);
  });

  test('describes bounds in characters, items or numbers', () => {
    const schema = z.strictObject({
      short: z.string().max(3),
      long: z.string().min(5),
      list: z.array(z.number()).min(2),
      atLeast: z.number().min(1),
      above: z.number().gt(1),
      atMost: z.number().max(9),
      below: z.number().lt(9),
    });
    expect(linesFor(schema, { short: 'abcd', long: 'abc', list: [1], atLeast: 0, above: 1, atMost: 10, below: 9 })).toEqual([
      'variables.short: expected at most 3 characters, received 4',
      'variables.long: expected at least 5 characters, received 3',
      'variables.list: expected at least 2 items, received 1',
      'variables.atLeast: expected a number >= 1, received 0',
      'variables.above: expected a number > 1, received 1',
      'variables.atMost: expected a number <= 9, received 10',
      'variables.below: expected a number < 9, received 9',
    ]);
  });

  test('shows the pattern a string must match, and names other formats', () => {
    expect(linesFor(z.string().regex(/^[A-Z]{3}$/), 'abc')).toEqual(['variables: expected a string matching /^[A-Z]{3}$/, received "abc"']);
    expect(linesFor(z.email(), 'not-an-address')).toEqual(['variables: expected a valid email']);
  });

  test("falls back to the issue's own message for anything else", () => {
    const schema = z.number().refine((value) => value % 2 === 0, { message: 'must be even' });
    expect(linesFor(schema, 3)).toEqual(['variables: must be even']);
  });

  test('never throws while reading the input again: a value that throws is described as undefined', () => {
    const issues = z.strictObject({ name: z.string() }).safeParse({ name: 1 }).error!.issues;
    const input = {
      get name(): never {
        throw new Error('boom');
      },
    };
    expect(describeIssues(issues, 'variables', input)).toEqual(['variables.name: expected string, received undefined (it is required)']);
  });

  test('still says how many issues there are when describing them throws', () => {
    const unreadable = new Proxy({ code: 'custom', path: [], message: 'x' }, {
      get() {
        throw new Error('revoked');
      },
    }) as unknown as z.core.$ZodIssue;
    expect(describeIssues([unreadable, unreadable], 'output', {})).toEqual(['output: 2 issues that cannot be described (revoked)']);
  });

  test('reads the received value only from own properties, never from the prototype', () => {
    const schema = z.strictObject({ constructor: z.string() });
    expect(linesFor(schema, {})).toEqual(['variables.constructor: expected string, received undefined (it is required)']);
  });
});

test('formatPath writes properties with dots and positions in brackets', () => {
  expect(formatPath('output', ['orders', 0, 'sku'])).toBe('output.orders[0].sku');
  expect(formatPath('output', [])).toBe('output');
});
