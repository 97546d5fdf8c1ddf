import type { SchemaNode } from '@promptpack/spec';
import type { Random } from './random.js';

/** Strings that have broken template engines: empty, braces, markup, unicode, line breaks, numbers as text. */
export const edgeStrings = ['', ' ', 'text', '{{x}}', '{{{y}}}', '}}', '<b>&amp;"\'`=', 'héllo wörld', '😀👍🏽', '\u2028\u2029', 'line\nbreak', '\r\n', '0', 'false', 'null', 'a,b'];
const edgeNumbers = [0, -0, 1, -1, 2.5, 1e21, 123456789, Number.MAX_SAFE_INTEGER];

/** A value that matches `node` (optional properties sometimes left out), biased to edge values. */
export function valueForSchema(node: SchemaNode, random: Random, depth = 0): unknown {
  switch (node.type) {
    case 'string':
      return node.enum && random.chance(0.7) ? random.pick(node.enum) : random.pick(edgeStrings);
    case 'number':
    case 'integer':
      return node.enum && random.chance(0.7) ? random.pick(node.enum) : random.pick(edgeNumbers);
    case 'boolean':
      return random.chance(0.5);
    case 'array': {
      const length = depth > 3 ? 0 : random.pick([0, 0, 1, 2, 3]);
      return Array.from({ length }, () => valueForSchema(node.items, random, depth + 1));
    }
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(node.properties)) {
        if (node.required?.includes(name) || random.chance(0.6)) value[name] = valueForSchema(property, random, depth + 1);
      }
      return value;
    }
    default:
      return undefined;
  }
}

/** Any JSON-like value, including the ones a schema would reject: wrong types must fail the same way too. */
export function anyValue(random: Random, names: readonly string[], depth = 0): unknown {
  const roll = random.int(depth > 2 ? 6 : 10);
  switch (roll) {
    case 0:
      return random.pick(edgeStrings);
    case 1:
      return random.pick(edgeNumbers);
    case 2:
      return random.chance(0.5);
    case 3:
      return random.pick([null, undefined]);
    case 4:
      return random.pick(['', 0, false, [], {}]);
    case 5:
      return random.pick(edgeStrings.slice(2, 6));
    case 6:
    case 7:
      return Array.from({ length: random.pick([0, 1, 2, 3]) }, () => anyValue(random, names, depth + 1));
    default:
      return anyObject(random, names, depth + 1);
  }
}

export function anyObject(random: Random, names: readonly string[], depth = 0): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const name of names) if (random.chance(depth === 0 ? 0.85 : 0.4)) value[name] = anyValue(random, names, depth + 1);
  return value;
}
