import { expect, test } from 'vitest';
import { createTextCache } from './text-cache.js';

test('remembers texts by key', () => {
  const cache = createTextCache(4, 1000);
  cache.set('a', 'alpha');
  expect(cache.get('a')).toBe('alpha');
  expect(cache.get('b')).toBeUndefined();
});

test('is bounded by entry count', () => {
  const cache = createTextCache(4, 1_000_000);
  for (let index = 0; index < 100; index++) cache.set(`key ${index}`, 'text');
  expect(cache.size).toBeLessThanOrEqual(4);
  expect(cache.get('key 99')).toBe('text');
});

test('is bounded by total characters, whatever the entry count allows', () => {
  const cache = createTextCache(256, 1600);
  for (let index = 0; index < 255; index++) cache.set(String(index).padStart(3, '0'), 'x'.repeat(97));
  expect(cache.characters).toBeLessThanOrEqual(1600);
  expect(cache.get('254')).toBe('x'.repeat(97));
});

test('does not remember a text too large for a sixteenth of the budget', () => {
  const cache = createTextCache(256, 1600);
  cache.set('small', 'kept');
  cache.set('large', 'x'.repeat(101));
  expect(cache.get('large')).toBeUndefined();
  expect(cache.get('small')).toBe('kept');
});
