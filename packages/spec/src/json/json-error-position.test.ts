import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './json-error-position.js';

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['[1, 2.5e3, "x\\"y", true, false, null, {"b": []}]', undefined],
    ['{\n  "features": [,]\n}', { line: 2, column: 16 }],
    ['{"a": 1,}', { line: 1, column: 9 }],
    ['{"a" 1}', { line: 1, column: 6 }],
    ['{"a": tru}', { line: 1, column: 7 }],
    ['{"a": 1} x', { line: 1, column: 10 }],
    ['{"a": "unterminated', { line: 1, column: 20 }],
    ['', { line: 1, column: 1 }],
  ])('%j -> %j', (text, expected) => {
    expect(jsonErrorPosition(text)).toEqual(expected);
    // The scanner agrees with JSON.parse on whether the text is valid.
    if (expected === undefined) expect(() => JSON.parse(text)).not.toThrow();
    else expect(() => JSON.parse(text)).toThrow();
  });
});
