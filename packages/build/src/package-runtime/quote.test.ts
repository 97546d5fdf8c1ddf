import { describe, expect, test } from 'vitest';
import { clip, describeCause, maxQuoted } from './quote.js';

test('clip keeps short text and cuts long text to the limit, marked with "..."', () => {
  expect(clip('short', 10)).toBe('short');
  expect(clip('0123456789abc', 10)).toBe('0123456...');
});

describe('describeCause', () => {
  test("uses an error's message, or the thrown value itself", () => {
    expect(describeCause(new Error('"note" not defined'))).toBe('"note" not defined');
    expect(describeCause('plain text')).toBe('plain text');
    expect(describeCause(undefined)).toBe('undefined');
  });

  test('cuts a long message to maxQuoted characters', () => {
    expect(describeCause(new Error('x'.repeat(10_000)))).toHaveLength(maxQuoted);
  });

  test('never throws, whatever was thrown', () => {
    const hostile = {
      get message(): string {
        throw new Error('getter');
      },
    };
    expect(describeCause(hostile)).toBe('an error that cannot be printed');
    expect(describeCause(Object.create(null))).toBe('an error that cannot be printed');
  });
});
