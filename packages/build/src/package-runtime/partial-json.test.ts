import { describe, expect, test } from 'vitest';
import { maxPartialDepth, readPartialJson, type PartialNode } from './partial-json.js';

// Real-shaped answers: a triage decision, a pretty-printed nested answer with
// every escape JSON has, and roots of each kind.
const answers = [
  '{"decision":"approve","amountCents":4999,"reason":"duplicate"}',
  [
    '{',
    '  "summary": "Line one\\nLine \\"two\\" \\\\ done \\u00e9 \\ud83d\\ude00 \\/ \\b\\f\\t\\r end",',
    '  "raw": "café 😀 \u2028 ok",',
    '  "items": [ {"name": "boots", "qty": 12}, {"name":"tent","qty":-3.5e+2, "price": 0.25E-1} ],',
    '  "flags": [true, false, null],',
    '  "empty": {}, "none": [],',
    '  "nested": {"deeper": {"deepest": [[1, 2], [], ["x"]]}}',
    '}',
  ].join('\n'),
  '["a", 10, {"b": [false]}, "\\u0041BC"]',
  '"just a string with \\"quotes\\""',
  '  {"__proto__": {"polluted": true}, "constructor": 1}  ',
];

/** Every leaf and container of the partial value, by path. */
function walk(node: PartialNode, visit: (path: string[], node: PartialNode) => void, path: string[] = []): void {
  visit(path, node);
  for (const [key, child] of node.children ?? []) walk(child, visit, [...path, key]);
}

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((current, key) => (current as Record<string, unknown>)[key], value);
}

describe('readPartialJson on every prefix of real-shaped answers', () => {
  for (const answer of answers) {
    test(answer.slice(0, 40), () => {
      const full: unknown = JSON.parse(answer);
      let previous = new Set<string>();
      for (let length = 0; length <= answer.length; length += 1) {
        const prefix = answer.slice(0, length);
        const reading = readPartialJson(prefix);
        if (!reading.success) throw new Error(`prefix ${JSON.stringify(prefix)}: ${reading.message}`);
        const completed = new Set<string>();
        if (reading.root) {
          walk(reading.root, (path, node) => {
            const expected = at(full, path);
            if (node.complete) {
              completed.add(path.join('.'));
              expect(node.value, `${path.join('.')} in ${JSON.stringify(prefix)}`).toStrictEqual(expected);
            } else if (typeof node.value === 'string') {
              // Text still arriving is always the start of the final text, never a cut escape.
              expect(typeof expected === 'string' && expected.startsWith(node.value), `${JSON.stringify(node.value)} starts ${JSON.stringify(expected)}`).toBe(true);
            } else if (Array.isArray(node.value)) {
              expect((node.value as unknown[]).length).toBeLessThanOrEqual((expected as unknown[]).length);
            } else {
              // An object so far: only keys the final object has; nothing else shows before it is complete.
              expect(Object.keys(node.value as object).every((key) => Object.hasOwn(expected as object, key))).toBe(true);
            }
            // A number never shows before a delimiter proves it ended.
            if (typeof node.value === 'number') expect(node.complete).toBe(true);
          });
        }
        // Once final, a part stays final.
        for (const path of previous) expect(completed.has(path), `${path} stays complete at ${length}`).toBe(true);
        previous = completed;
        expect(reading.complete).toBe(length === answer.length || (answer.slice(length).trim() === '' && reading.root?.complete === true));
      }
      const whole = readPartialJson(answer);
      expect(whole.success && whole.complete && whole.root?.value).toStrictEqual(full);
    });
  }

  test('numbers cut mid-digit, mid-fraction and mid-exponent show nothing until they end', () => {
    for (const cut of ['{"n":1', '{"n":12', '{"n":-', '{"n":1.', '{"n":1.5', '{"n":1e', '{"n":1e+', '{"n":1e+2']) {
      const reading = readPartialJson(cut);
      expect(reading.success && reading.root?.value).toEqual({});
    }
    const ended = readPartialJson('{"n":1e+2,');
    expect(ended.success && ended.root?.value).toEqual({ n: 100 });
  });

  test('strings cut mid-escape hold the escape back', () => {
    const cases: Array<[string, string]> = [
      ['"ab\\', 'ab'],
      ['"ab\\u', 'ab'],
      ['"ab\\u00', 'ab'],
      ['"ab\\u00e9', 'abé'],
      ['"ab\\ud83d', 'ab'],
      ['"ab\\ud83d\\ud', 'ab'],
      ['"ab\\ud83d\\ude00', 'ab😀'],
      ['"ab\ud83d', 'ab'],
    ];
    for (const [prefix, shown] of cases) {
      const reading = readPartialJson(prefix);
      expect(reading.success && reading.root, prefix).toEqual({ value: shown, complete: false });
    }
  });

  test('keeps __proto__ as an own key, like JSON.parse, and pollutes nothing', () => {
    const reading = readPartialJson('{"__proto__": {"polluted": true}, "a": 1}');
    const value = reading.success ? (reading.root?.value as Record<string, unknown>) : {};
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(value).toStrictEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
  });
});

describe('readPartialJson refuses what can never become JSON', () => {
  const bad: Array<[string, RegExp]> = [
    ['{"a" 1', /expected ":" after the property name at offset 5/],
    ['{"a":01', /expected "," or "}" after a property value at offset 6/],
    ['[1,,', /unexpected ","/],
    ['[1,]', /unexpected "]"/],
    ['{"a":tx', /unexpected "t"/],
    ['{a:1}', /expected a property name in double quotes/],
    ['"\\x', /"\\x" is not a JSON escape/],
    ['"\\u00g1', /expected four hexadecimal digits/],
    ['"line\nbreak"', /control character must be escaped/],
    ['{"a":1}}', /unexpected text after the JSON value/],
    ['Sure! {"a":1}', /unexpected "S"/],
    ['-x', /not a valid JSON number/],
  ];
  for (const [text, message] of bad) {
    test(JSON.stringify(text), () => {
      const reading = readPartialJson(text);
      expect(reading.success).toBe(false);
      expect(!reading.success && reading.message).toMatch(message);
      // Whatever JSON.parse says about the whole text, it also refuses it.
      expect(() => JSON.parse(text)).toThrow();
    });
  }

  test(`a prefix nested deeper than ${maxPartialDepth} levels is refused, not a stack overflow`, () => {
    const reading = readPartialJson('['.repeat(100_000));
    expect(!reading.success && reading.message).toMatch(`nested deeper than ${maxPartialDepth} levels`);
    const fine = readPartialJson('['.repeat(maxPartialDepth));
    expect(fine.success).toBe(true);
  });
});
