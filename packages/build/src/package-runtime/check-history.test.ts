import { describe, expect, test } from 'vitest';
import { checkRenderOptions } from './check-history.js';
import { PromptHistoryError, PromptVariablesError } from './errors.js';
import { renderPrompt, safeRenderPrompt } from './render.js';
import { testPrompt } from './__fixtures__/test-prompt.js';

const limits = { maxTurns: 3, maxChars: 50 };
const variables = { company: 'Acme', question: 'And now?' };

describe('checkRenderOptions', () => {
  test('no options, or options without history, is no history', () => {
    expect(checkRenderOptions(limits, undefined)).toEqual({ success: true, turns: undefined });
    expect(checkRenderOptions(limits, {})).toEqual({ success: true, turns: undefined });
    expect(checkRenderOptions(null, { history: undefined })).toEqual({ success: true, turns: undefined });
  });

  test('copies valid turns, at the limits exactly', () => {
    const turns = [
      { role: 'user', content: 'a'.repeat(20) },
      { role: 'assistant', content: 'b'.repeat(20) },
      { role: 'user', content: 'c'.repeat(10) },
    ];
    const result = checkRenderOptions(limits, { history: turns });
    expect(result).toEqual({ success: true, turns });
    expect(result.success && result.turns?.[0]).not.toBe(turns[0]);
  });

  test('one character or one turn over a limit is refused', () => {
    const over = checkRenderOptions(limits, { history: [{ role: 'user', content: 'x'.repeat(51) }] });
    expect(over.success === false && over.issues.map((issue) => issue.path)).toEqual([['history']]);
    const turn = { role: 'user', content: 'x' };
    expect(checkRenderOptions(limits, { history: [turn, turn, turn, turn] }).success).toBe(false);
  });
});

describe('render with history', () => {
  const prompt = testPrompt({ historyLimits: limits });

  test('places the turns after the few-shots, before the user message', () => {
    const history = [{ role: 'user' as const, content: '{{company}}' }];
    expect(renderPrompt(prompt, variables, { history }).messages.map((message) => message.content)).toEqual(['You support Acme.', 'Hi', 'Hello!', '{{company}}', 'Question: And now?']);
  });

  test('a bad history is a PromptHistoryError, recognised across copies and not a variables error', () => {
    const result = safeRenderPrompt(prompt, variables, { history: [{ role: 'tool', content: 'x' }] });
    expect(result.success).toBe(false);
    const error = result.success ? undefined : result.error;
    expect(PromptHistoryError.isInstance(error)).toBe(true);
    expect(PromptVariablesError.isInstance(error)).toBe(false);
    expect(error?.code).toBe('prompt/invalid-history');
    expect(error?.message).toContain(`history[0].role: expected 'user' | 'assistant', received "tool"`);
    expect(PromptHistoryError.isInstance({ code: 'prompt/invalid-history' })).toBe(false);
  });

  test('a prompt without history refuses it, even empty', () => {
    expect(() => renderPrompt(testPrompt(), variables, { history: [] })).toThrow(PromptHistoryError);
  });
});
