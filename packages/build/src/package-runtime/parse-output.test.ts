import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { PromptOutputError } from './errors.js';
import { parsePromptOutput, readJson, safeParsePromptOutput } from './parse-output.js';
import { maxQuoted } from './quote.js';
import { answerSchema, testPrompt } from './__fixtures__/test-prompt.js';

describe('readJson', () => {
  test('reads the whole text as JSON, or else its first fenced block', () => {
    expect(readJson(' {"a":1}\n')).toEqual({ success: true, value: { a: 1 } });
    expect(readJson('Here:\n```json\n{"a":1}\n```\nmore ```\n{"b":2}\n```')).toEqual({ success: true, value: { a: 1 } });
    expect(readJson('```\r\n[1, 2]\r\n```')).toEqual({ success: true, value: [1, 2] });
  });

  test("reports the whole text's parse error when the fenced block does not parse either", () => {
    const reading = readJson('Sure!\n```json\n{broken\n```');
    expect(reading.success).toBe(false);
    expect(!reading.success && reading.message).toBe((() => {
      try {
        JSON.parse('Sure!\n```json\n{broken\n```');
      } catch (error) {
        return (error as Error).message;
      }
      return 'parsed';
    })());
  });
});

describe('safeParsePromptOutput', () => {
  test('validates JSON against the output schema', () => {
    const prompt = testPrompt();
    expect(safeParsePromptOutput(prompt, answerSchema, '{"answer":"Yes."}')).toEqual({ success: true, data: { answer: 'Yes.' } });
    const result = safeParsePromptOutput(prompt, answerSchema, '{"answer":1,"extra":true}');
    expect(!result.success && result.error.message.split('\n').slice(1, 3)).toEqual([
      '  - output.answer: expected string, received number',
      '  - output.extra: unknown key, not declared in the schema (check its spelling)',
    ]);
    expect(!result.success && result.error.text).toBe('{"answer":1,"extra":true}');
  });

  test('says the text is not JSON, with the parser\'s reason', () => {
    const result = safeParsePromptOutput(testPrompt(), answerSchema, 'Sure! Here it is.');
    expect(!result.success && result.error.message).toMatch(/^Invalid model output for prompt helpdesk@2\.0\.0 \(1 issue\):\n {2}- output: expected JSON, received text that does not parse \(.+\)\nhint: /);
  });

  test('rejects anything but a string, even without an output schema', () => {
    for (const prompt of [testPrompt(), testPrompt({ hasOutputSchema: false })]) {
      const result = safeParsePromptOutput(prompt, answerSchema, 42);
      expect(!result.success && result.error.message).toContain('  - output: expected string, received number');
    }
  });

  test('returns the text as is when the prompt declares no output', () => {
    expect(safeParsePromptOutput(testPrompt({ hasOutputSchema: false }), answerSchema, '  {"a":1}\n')).toEqual({ success: true, data: '  {"a":1}\n' });
  });

  test('a string output accepts bare text, trimmed, as well as a JSON string', () => {
    const prompt = testPrompt({ outputIsText: true });
    const labels = z.enum(['positive', 'negative']);
    expect(safeParsePromptOutput(prompt, labels, ' positive\n')).toEqual({ success: true, data: 'positive' });
    expect(safeParsePromptOutput(prompt, labels, '"negative"')).toEqual({ success: true, data: 'negative' });
    // JSON that is not a string is read as text too: the label schema then says what is wrong.
    const result = safeParsePromptOutput(prompt, labels, '42');
    expect(!result.success && result.error.message).toContain('  - output: expected one of "positive" | "negative", received "42"');
  });
});

describe('safeParsePromptOutput never throws', () => {
  test('quotes at most maxQuoted characters of the parser\'s reason', () => {
    const reading = readJson(`{${'x'.repeat(1_000_000)}`);
    expect(!reading.success && reading.message.length).toBeLessThanOrEqual(maxQuoted);
  });

  test('a check that throws (an answer nested deeper than validation can walk) is an issue', () => {
    const outputSchema = {
      safeParse(): never {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    const result = safeParsePromptOutput(testPrompt(), outputSchema, '[[[]]]');
    expect(!result.success && result.error).toBeInstanceOf(PromptOutputError);
    expect(!result.success && result.error.message).toContain('  - output: the output cannot be checked (Maximum call stack size exceeded)');
    expect(!result.success && result.error.text).toBe('[[[]]]');
  });
});

test('parsePromptOutput returns the data or throws PromptOutputError', () => {
  const prompt = testPrompt();
  expect(parsePromptOutput(prompt, answerSchema, '```json\n{"answer":"ok"}\n```')).toEqual({ answer: 'ok' });
  expect(() => parsePromptOutput(prompt, answerSchema, 'nope')).toThrow(PromptOutputError);
});
