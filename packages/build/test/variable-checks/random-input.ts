import type { SchemaNode } from '@promptpack/spec';
import type { Random } from '../template-js/random.js';
import { keyPool } from './random-schema.js';

const hugeString = 'x'.repeat(100_000);
const surrogates = '😀'.repeat(3);

// Values of every wrong kind: the non-finite numbers, unsafe integers, a
// BigInt and a symbol, array-likes with a length, class instances (zod names
// their constructor), objects without or with an unusual prototype, and own
// keys every object also inherits.
function junk(random: Random): unknown {
  const makers: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => Number.NaN,
    () => Infinity,
    () => -Infinity,
    () => -0,
    () => 2 ** 60,
    () => -(2 ** 60),
    () => 1.5,
    () => 7,
    () => 10n,
    () => Symbol('s'),
    () => true,
    () => '',
    () => 'abc',
    () => surrogates,
    () => hugeString,
    () => [],
    () => [1, [2, ['3']]],
    () => ({}),
    () => ({ length: 2 }),
    () => ({ length: 'x' }),
    () => new Date(0),
    () => new Map(),
    () => Object.create(null),
    () => Object.create({ a: 'inherited', name: 'Ada' }),
    () => JSON.parse('{"__proto__": {"a": 1}, "a": "x"}'),
    () => ({ constructor: 'c', toString: 1 }),
    () => () => 'a function',
  ];
  return random.pick(makers)();
}

/** A value for the schema: mostly close to valid (so nested checks run), often wrong somewhere. */
export function randomInput(schema: SchemaNode, random: Random, depth = 0): unknown {
  if (random.chance(depth === 0 ? 0.1 : 0.15)) return junk(random);
  switch (schema.type) {
    case 'string':
      if (schema.enum && random.chance(0.6)) return random.pick(schema.enum);
      return random.pick(['', 'a', 'ab', 'abc', 'abcdef', '1', '12', 'a/b', '😀', '😀😀', 'a😀', '"', 'ab'.repeat(3), random.chance(0.1) ? hugeString : 'Ada']);
    case 'number':
    case 'integer':
      if (schema.enum && random.chance(0.6)) return random.pick(schema.enum);
      return random.pick([-(2 ** 53), -2, -1.5, -1, -0, 0, 0.5, 1, 2, 2.5, 3, 9.99, 10, 11, 2 ** 53 - 1, 2 ** 53, 2 ** 60, Number.NaN, Infinity]);
    case 'boolean':
      return random.chance(0.8) ? random.chance(0.5) : random.pick(['true', 0, null]);
    case 'array': {
      const length = random.chance(0.05) ? 40 : random.int(6);
      const items = Array.from({ length }, () => randomInput(schema.items, random, depth + 1));
      return random.chance(0.05) ? Object.assign(items, { extra: 1 }) : items;
    }
    case 'object': {
      const required = new Set(schema.required ?? []);
      const value: Record<string, unknown> = random.chance(0.05) ? Object.create({ a: 'inherited' }) : {};
      for (const key of Object.keys(schema.properties)) {
        if (!random.chance(required.has(key) ? 0.9 : 0.6)) continue;
        const child = random.chance(0.1) ? undefined : randomInput(schema.properties[key]!, random, depth + 1);
        Object.defineProperty(value, key, { value: child, enumerable: true, writable: true, configurable: true });
      }
      if (random.chance(0.2)) Object.defineProperty(value, random.pick(keyPool), { value: 'extra', enumerable: true, writable: true, configurable: true });
      return value;
    }
  }
}
