import type { SchemaNode } from '@promptpack/spec';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { emitChecks } from '../../src/emit-checks.js';
import { emitZod } from '../../src/emit-zod.js';
import * as packageRuntime from '../../src/package-runtime/index.js';
import { seededRandom } from '../template-js/random.js';
import { randomInput } from './random-input.js';
import { randomSchema } from './random-schema.js';

// The generated check replaces zod on render()'s path, so for every input it
// must say what zod's safeParse says: success or not, the parsed copy, and
// each issue with every field (code, path, message, limits, values, keys) in
// zod's order. PromptVariablesError builds its lines and exposes its issues
// from exactly these.

type Outcome = { threw: string } | { success: boolean; data: unknown; issues: unknown[]; fieldOrder: string[][] };
type Parse = (value: unknown) => { success: boolean; data?: unknown; error?: { issues: unknown[] } };

function zodParse(schema: SchemaNode): Parse {
  const built = new Function('z', `return ${emitZod(schema)};`)(z) as z.ZodType;
  return (value) => built.safeParse(value);
}

function checkParse(schema: SchemaNode): Parse {
  const names = Object.keys(packageRuntime);
  const code = `${emitChecks(schema, 'checkVariables')}\nreturn checkVariables;`;
  return new Function(...names, code)(...names.map((name) => packageRuntime[name as keyof typeof packageRuntime])) as Parse;
}

function outcome(parse: Parse, value: unknown): Outcome {
  try {
    const result = parse(value);
    const issues = result.error?.issues ?? [];
    return { success: result.success, data: result.data, issues, fieldOrder: issues.map((issue) => Object.keys(issue as object)) };
  } catch (error) {
    return { threw: String(error) };
  }
}

describe('generated variable checks report what zod reports', () => {
  test('on 400 random declarations x 40 random inputs each', () => {
    let compared = 0;
    let rejected = 0;
    const mismatches: unknown[] = [];
    for (let seed = 1; seed <= 400; seed += 1) {
      const random = seededRandom(seed);
      const schema = randomSchema(random, 3);
      const byZod = zodParse(schema);
      const byCheck = checkParse(schema);
      for (let sample = 0; sample < 40; sample += 1) {
        const value = randomInput(schema, random);
        const expected = outcome(byZod, value);
        const actual = outcome(byCheck, value);
        // Strict: -0 is not 0, an absent key is not an undefined one, prototypes count.
        if (!isDeepStrictEqual(actual, expected)) mismatches.push({ seed, sample, schema: JSON.stringify(schema), value, expected, actual });
        compared += 1;
        if ('success' in expected && !expected.success) rejected += 1;
      }
    }
    // The seed and sample name each failing case, with its schema and both outcomes.
    expect(mismatches.slice(0, 3)).toEqual([]);
    // Both sides of the comparison were exercised, not just one.
    expect(compared).toBe(16_000);
    expect(rejected).toBeGreaterThan(4_000);
    expect(compared - rejected).toBeGreaterThan(2_000);
  }, 120_000);
});

describe('inputs no random generator makes', () => {
  const schema: SchemaNode = {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1 }, age: { type: 'integer', minimum: 0 }, tags: { type: 'array', items: { type: 'string' }, maxItems: 2 } },
    required: ['name'],
  };
  const hidden = (target: object) => new Proxy(target, { has: () => false });
  const reads: string[] = [];
  const inputs: [string, () => unknown][] = [
    ['a proxy that denies every key it returns', () => hidden({ name: 'Ada', age: -1, extra: 1 })],
    ['a proxy that denies a valid required key', () => hidden({ name: 'Ada' })],
    ['a getter that throws', () => Object.defineProperty({}, 'name', { get: () => { throw new Error('no reading'); }, enumerable: true })],
    ['inherited values', () => Object.create({ name: 'Ada', tags: ['x', 'y', 'z'] })],
    ['a class instance', () => new (class Customer { name = 'Ada'; })()],
    ['an own __proto__ key', () => JSON.parse('{"name": "Ada", "__proto__": "x"}')],
    ['a sparse array', () => ({ name: 'Ada', tags: [, 'a'] })],
    ['a string where the array goes', () => ({ name: 'Ada', tags: 'abc' })],
    ['an array-like where the string goes', () => ({ name: { length: 0 } })],
    ['reads, in order', () => new Proxy({ name: 'Ada', age: 1 }, { get: (target, key) => (reads.push(`get ${String(key)}`), Reflect.get(target, key)), has: (target, key) => (reads.push(`has ${String(key)}`), Reflect.has(target, key)) })],
  ];
  test.each(inputs)('%s', (_name, make) => {
    reads.length = 0;
    const expected = outcome(zodParse(schema), make());
    const zodReads = [...reads];
    reads.length = 0;
    expect(outcome(checkParse(schema), make())).toStrictEqual(expected);
    expect(reads).toEqual(zodReads);
  });
});
