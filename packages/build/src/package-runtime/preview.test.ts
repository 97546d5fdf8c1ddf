import { describe, expect, test } from 'vitest';
import { preview } from './preview.js';

describe('preview', () => {
  test('prints scalars as JSON would, a BigInt with its n', () => {
    expect([preview('hi'), preview(3), preview(true), preview(null), preview(undefined), preview(10n)]).toEqual(['"hi"', '3', 'true', 'null', 'undefined', '10n']);
  });

  test('names what JSON cannot print by its kind', () => {
    expect([preview(() => 1), preview(Symbol('s'))]).toEqual(['function', 'symbol']);
  });

  test('shows at most 4 keys and 2 levels, and at most 40 characters', () => {
    expect(preview({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('{"a":1,"b":2,"c":3,"d":4,...}');
    expect(preview([[[1]]])).toBe('[[[...]]]');
    expect(preview('x'.repeat(1_000_000))).toBe(`"${'x'.repeat(36)}...`);
  });

  test('previews a cyclic value without following the cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(preview(cyclic)).toBe('{"a":1,"self":{"a":1,"self":{...}}}');
  });

  test('gives a placeholder for a value that throws when read', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(preview(proxy)).toBe('a value that cannot be printed');
    expect(
      preview({
        get a() {
          throw new Error('boom');
        },
      }),
    ).toBe('a value that cannot be printed');
  });
});
