import type { SchemaNode } from '@promptpack/spec';
import type { Random } from '../template-js/random.js';

// Names a value can carry that every object already has (constructor,
// toString), that JSON.parse makes own (__proto__), that zod's enum reorders
// ('1', '0'), and plain ones. The spec refuses the built-in names as
// properties; the generator takes them anyway, so the checks hold for any
// declaration emitZod accepts.
export const keyPool = ['a', 'b', 'name', 'tags', 'x1', '1', 'constructor', 'toString', '__proto__', 'hasOwnProperty'];
const stringPool = ['', 'a', 'b', 'ab', 'abc', '1', '0', '__proto__', 'x"y', '😀', '😀😀', 'a/b', 'Ada', 'ÿ'];
const numberPool = [-(2 ** 53), -1.5, -1, -0, 0, 0.5, 1, 2, 2.5, 3, 10, 2 ** 53];
const patterns = ['^a', '\\d', '^[a-z]+$', 'a/b', '^.{2}$', '😀', '^(ab)*$', '"'];

/** A declaration from the accepted subset (every keyword of schema-node.ts), at most `depth` containers deep. */
export function randomSchema(random: Random, depth: number): SchemaNode {
  const kinds = depth > 0 ? ['string', 'number', 'integer', 'boolean', 'array', 'object', 'object'] : ['string', 'number', 'integer', 'boolean'];
  const kind = random.pick(kinds);
  const maybe = <T>(make: () => T): T | undefined => (random.chance(0.35) ? make() : undefined);
  switch (kind) {
    case 'string': {
      if (random.chance(0.2)) return { type: 'string', enum: Array.from({ length: 1 + random.int(4) }, () => random.pick(stringPool)) };
      return withDefined({ type: 'string', minLength: maybe(() => random.int(4)), maxLength: maybe(() => random.int(6)), pattern: maybe(() => random.pick(patterns)) });
    }
    case 'number':
    case 'integer': {
      if (random.chance(0.2)) return { type: kind, enum: Array.from({ length: 1 + random.int(4) }, () => random.pick(numberPool)) };
      const bound = () => random.pick(numberPool);
      return withDefined({ type: kind, minimum: maybe(bound), maximum: maybe(bound), exclusiveMinimum: maybe(bound), exclusiveMaximum: maybe(bound) });
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return withDefined({ type: 'array', items: randomSchema(random, depth - 1), minItems: maybe(() => random.int(3)), maxItems: maybe(() => random.int(5)) });
    default: {
      const names = [...new Set(Array.from({ length: random.int(5) }, () => (random.chance(0.15) ? random.pick(keyPool) : random.pick(['a', 'b', 'name', 'tags', 'x1']))))];
      const properties: Record<string, SchemaNode> = {};
      // defineProperty, so a __proto__ name is a property and not the prototype.
      for (const name of names) Object.defineProperty(properties, name, { value: randomSchema(random, depth - 1), enumerable: true, writable: true, configurable: true });
      const required = names.filter(() => random.chance(0.6));
      return { type: 'object', properties, ...(random.chance(0.9) ? { required } : {}) };
    }
  }
}

function withDefined<T extends object>(node: T): T {
  return Object.fromEntries(Object.entries(node).filter(([, value]) => value !== undefined)) as T;
}
