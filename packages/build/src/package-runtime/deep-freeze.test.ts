import { expect, test } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

test('freezes nested objects and arrays and returns the same value', () => {
  const value = { list: [{ name: 'a' }], nested: { deeper: { count: 1 } } };
  expect(deepFreeze(value)).toBe(value);
  expect(Object.isFrozen(value)).toBe(true);
  expect(Object.isFrozen(value.list)).toBe(true);
  expect(Object.isFrozen(value.list[0])).toBe(true);
  expect(Object.isFrozen(value.nested.deeper)).toBe(true);
  expect(() => {
    (value.nested.deeper as { count: number }).count = 2;
  }).toThrow(TypeError);
});

test('leaves primitives and null as they are', () => {
  expect(deepFreeze('text')).toBe('text');
  expect(deepFreeze(null)).toBeNull();
  expect(deepFreeze(3)).toBe(3);
});

test('stops at what is already frozen, so a cycle ends', () => {
  const cycle: { self?: unknown; list: unknown[] } = { list: [] };
  cycle.self = cycle;
  cycle.list.push(cycle);
  expect(deepFreeze(cycle)).toBe(cycle);
  expect(Object.isFrozen(cycle.list)).toBe(true);
});
