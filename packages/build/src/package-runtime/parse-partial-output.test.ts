import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { PromptOutputError } from './errors.js';
import { parsePartialPromptOutput, safeParsePartialPromptOutput } from './parse-partial-output.js';
import { safeParsePromptOutput } from './parse-output.js';
import { testPrompt } from './__fixtures__/test-prompt.js';

// refund-triage's output schema, as the build generates it from prompt.yaml.
const triageSchema = z.strictObject({
  decision: z.enum(['approve', 'deny', 'escalate']),
  amountCents: z.int().min(1).max(50000),
  reason: z.enum(['duplicate', 'defective', 'late_ship', 'other']),
});
const replySchema = z.strictObject({
  summary: z.string().min(20).max(60),
  steps: z.array(z.strictObject({ title: z.string(), done: z.boolean() })).max(3),
  confidence: z.number().min(0).max(1),
});
type Prompt = { prompt: ReturnType<typeof testPrompt>; schema: z.ZodType };
const triage: Prompt = { prompt: testPrompt(), schema: triageSchema };
const reply: Prompt = { prompt: testPrompt(), schema: replySchema };
const partial = (target: Prompt, text: unknown) => safeParsePartialPromptOutput(target.prompt, target.schema, text);

describe('safeParsePartialPromptOutput on every prefix', () => {
  const answers: Array<[string, Prompt, string]> = [
    ['triage', triage, '{"decision": "escalate", "amountCents": 12000, "reason": "late_ship"}'],
    ['fenced reply', reply, 'Here you go:\n```json\n{"summary": "Reset the router, then \\"call\\" us \\u00e9", "steps": [{"title": "Unplug", "done": true}, {"title": "Wait 30 s", "done": false}], "confidence": 0.85}\n```\n'],
  ];
  for (const [name, prompt, answer] of answers) {
    test(`${name}: never fails, only grows, and ends as parseOutput's result`, () => {
      const final = safeParsePromptOutput(prompt.prompt, prompt.schema, answer);
      expect(final.success).toBe(true);
      let completed: string[] = [];
      for (let length = 0; length < answer.length; length += 1) {
        const result = partial(prompt, answer.slice(0, length));
        if (!result.success) throw new Error(`prefix ${JSON.stringify(answer.slice(0, length))}: ${result.error.message}`);
        for (const path of completed) expect(result.completed).toContain(path);
        completed = result.completed;
      }
      const whole = parsePartialPromptOutput(prompt.prompt, prompt.schema, answer);
      expect(whole).toEqual({ success: true, data: final.success && final.data, complete: true, completed: expect.arrayContaining(completed) });
    });
  }

  test('says which fields are final while the rest arrives', () => {
    const result = partial(triage, '{"decision": "approve", "amountCents": 49');
    expect(result).toEqual({ success: true, data: { decision: 'approve' }, complete: false, completed: ['decision'] });
    const text = partial(reply, '{"summary": "Reset the rou');
    expect(text).toMatchObject({ success: true, data: { summary: 'Reset the rou' }, completed: [] });
  });

  test('is undefined until the JSON starts, and waits through prose before a fence', () => {
    for (const text of ['', '   ', 'Here you go:', 'Here you go:\n``', 'Here you go:\n```json\n']) {
      expect(partial(triage, text), JSON.stringify(text)).toEqual({ success: true, data: undefined, complete: false, completed: [] });
    }
  });
});

describe('safeParsePartialPromptOutput fails as soon as the answer cannot become valid', () => {
  const failures: Array<[string, Prompt, string, string]> = [
    ['a finished enum value that is not allowed', triage, '{"decision": "maybe", ', 'output.decision'],
    ['text no allowed value starts with', triage, '{"decision": "appr0', 'output.decision'],
    ['an unknown key', triage, '{"verdict": "', 'output.verdict'],
    ['a wrong type still arriving', triage, '{"amountCents": "12', 'output.amountCents'],
    ['a finished number out of range', triage, '{"amountCents": 60000,', 'output.amountCents'],
    ['text already past its maximum', reply, `{"summary": "${'x'.repeat(61)}`, 'output.summary'],
    ['too many elements already', reply, '{"steps": [{"title":"a","done":true},{"title":"b","done":true},{"title":"c","done":true},{"title":"d"', 'output.steps'],
    ['a finished element missing a field', reply, '{"steps": [{"title":"a"}, ', 'output.steps[0].done'],
    ['text that can never be JSON', triage, '{"decision" "approve"', 'output'],
  ];
  for (const [what, prompt, text, path] of failures) {
    test(what, () => {
      const result = partial(prompt, text);
      expect(result.success).toBe(false);
      const error = !result.success ? result.error : undefined;
      expect(PromptOutputError.isInstance(error)).toBe(true);
      expect(error?.message).toContain(`  - ${path}`);
      expect(error?.text).toBe(text);
    });
  }

  test('a missing field, text short of its minimum or a started enum value is not a problem yet', () => {
    expect(partial(triage, '{"decision": "esc').success).toBe(true);
    expect(partial(reply, '{"summary": "short').success).toBe(true);
    expect(partial(reply, '{"steps": [{"title": "a", ').success).toBe(true);
  });

  test('the complete answer is judged exactly like parseOutput', () => {
    const text = '{"decision": "approve", "amountCents": 0, "reason": "other"}';
    const streamed = partial(triage, text);
    const final = safeParsePromptOutput(triage.prompt, triage.schema, text);
    expect(!streamed.success && streamed.error.message).toBe(!final.success && final.error.message);
  });

  test('never throws: not a string, hostile nesting', () => {
    expect(partial(triage, 42).success).toBe(false);
    const deep = partial(triage, `{"decision": ${'['.repeat(10_000)}`);
    expect(!deep.success && deep.error.message).toMatch(/nested deeper than 512 levels/);
    expect(() => parsePartialPromptOutput(triage.prompt, triage.schema, '{"decision": "nope"}')).toThrow(PromptOutputError);
  });

  test('a text answer is its own partial value', () => {
    const text = { prompt: testPrompt({ hasOutputSchema: false }), schema: z.string() };
    expect(partial(text, 'Hello, wor')).toEqual({ success: true, data: 'Hello, wor', complete: false, completed: [] });
  });
});
