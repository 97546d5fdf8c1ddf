import { describe, expect, test, vi } from 'vitest';
import { PromptRenderError, PromptVariablesError } from './errors.js';
import type { Template } from './prompt-definition.js';
import { policyKey, renderPrompt, safeRenderPrompt } from './render.js';
import { testPrompt } from './__fixtures__/test-prompt.js';

const variables = { company: 'Acme', question: 'Where is my order?' };

describe('renderPrompt', () => {
  test('renders the policy, the few-shot pairs, then the user message, with model defaults and meta', () => {
    expect(renderPrompt(testPrompt(), variables)).toEqual({
      messages: [
        { role: 'system', content: 'You support Acme.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Question: Where is my order?' },
      ],
      model: { name: 'gpt-4o-mini', temperature: 0.2 },
      meta: { id: 'helpdesk', name: '@acme/prompt-helpdesk', version: '2.0.0', contentHash: 'sha256:c', policyHash: 'sha256:p' },
    });
  });

  test('throws PromptVariablesError before any template runs', () => {
    const userTemplate = vi.fn<Template>(() => 'never');
    const prompt = testPrompt({ userTemplate });
    expect(() => renderPrompt(prompt, { company: 'Acme' })).toThrow(PromptVariablesError);
    expect(userTemplate).not.toHaveBeenCalled();
  });

  test('returns fresh objects, so a caller that changes one cannot change the next render', () => {
    const prompt = testPrompt();
    const first = renderPrompt(prompt, variables);
    first.messages.push({ role: 'user', content: 'extra' });
    first.model.temperature = 2;
    first.meta.version = '9.9.9';
    expect(renderPrompt(prompt, variables)).toEqual(renderPrompt(testPrompt(), variables));
  });

  test('a template that throws becomes PromptRenderError naming its file', () => {
    const prompt = testPrompt({
      userTemplate: () => {
        throw new Error('"note" not defined');
      },
    });
    const error = (() => {
      try {
        renderPrompt(prompt, variables);
      } catch (thrown) {
        return thrown as PromptRenderError;
      }
      throw new Error('expected render to throw');
    })();
    expect(error).toBeInstanceOf(PromptRenderError);
    expect(error.file).toBe('template.hbs');
    expect(error.message).toContain('"note" not defined');
  });
});

describe('the remembered system message', () => {
  test('runs the policy once per distinct value of the variables it reads', () => {
    const policyTemplate = vi.fn<Template>((data) => `You support ${String(data.company)}.`);
    const prompt = testPrompt({ policyTemplate });
    for (const company of ['Acme', 'Globex', 'Acme', 'Globex', 'Acme']) {
      expect(renderPrompt(prompt, { ...variables, company }).messages[0]!.content).toBe(`You support ${company}.`);
    }
    // A variable the policy does not read does not count.
    renderPrompt(prompt, { ...variables, question: 'Another question' });
    expect(policyTemplate).toHaveBeenCalledTimes(2);
  });

  test('is kept per prompt: two prompts with the same values do not share it', () => {
    const other = testPrompt({ policyTemplate: (data) => `Other policy for ${String(data.company)}.` });
    renderPrompt(testPrompt(), variables);
    expect(renderPrompt(other, variables).messages[0]!.content).toBe('Other policy for Acme.');
  });

  test('is bounded by size: a system message too large to remember is rendered every time', () => {
    const policyTemplate = vi.fn<Template>((data) => String(data.company));
    const prompt = testPrompt({ policyTemplate });
    // Over a sixteenth of the 4 MiB budget.
    const company = 'x'.repeat(300_000);
    for (let index = 0; index < 3; index += 1) expect(renderPrompt(prompt, { ...variables, company }).messages[0]!.content).toBe(company);
    expect(policyTemplate).toHaveBeenCalledTimes(3);
    expect(prompt.policyCache.size).toBe(0);
  });

  test('is bounded: past 256 distinct values it starts over', () => {
    const prompt = testPrompt();
    for (let index = 0; index < 256; index += 1) renderPrompt(prompt, { ...variables, company: `Company ${index}` });
    expect(prompt.policyCache.size).toBe(256);
    renderPrompt(prompt, { ...variables, company: 'One more' });
    expect(prompt.policyCache.size).toBe(1);
  });

  test('keys cannot collide, however the values are split', () => {
    const names = ['a', 'b'];
    expect(policyKey(names, { a: 'x;', b: 'y' })).not.toBe(policyKey(names, { a: 'x', b: ';y' }));
    expect(policyKey(names, { a: '1', b: 'y' })).not.toBe(policyKey(names, { a: 1, b: 'y' }));
    expect(policyKey(names, { a: ['x'], b: 'y' })).not.toBe(policyKey(names, { a: '["x"]', b: 'y' }));
  });
});

describe('safeRenderPrompt', () => {
  test('returns the data, or the variables error, instead of throwing', () => {
    const prompt = testPrompt();
    expect(safeRenderPrompt(prompt, variables)).toEqual({ success: true, data: renderPrompt(prompt, variables) });
    const bad = safeRenderPrompt(prompt, { company: 3 });
    expect(bad.success).toBe(false);
    expect(!bad.success && PromptVariablesError.isInstance(bad.error)).toBe(true);
  });

  test('returns a render error naming the template that failed', () => {
    const failing = testPrompt({
      policyTemplate: () => {
        throw new Error('missing');
      },
    });
    const result = safeRenderPrompt(failing, variables);
    expect(!result.success && PromptRenderError.isInstance(result.error) && result.error.file).toBe('policy.md');
  });

  test('never throws: a failure outside the templates is a render error of the prompt, with its cause', () => {
    const cause = new TypeError('bug');
    const broken = testPrompt({
      modelDefaults: () => {
        throw cause;
      },
    });
    const result = safeRenderPrompt(broken, variables);
    expect(!result.success && result.error).toBeInstanceOf(PromptRenderError);
    expect(!result.success && result.error.cause).toBe(cause);
    expect(!result.success && result.error.message).toContain('Rendering the prompt of prompt helpdesk@2.0.0 failed:\n  - bug');
    expect(() => renderPrompt(broken, variables)).toThrow(PromptRenderError);
  });

  test('variables that cannot be read are a variables error, never the reader\'s exception', () => {
    const throwing = {
      company: 'Acme',
      get question(): string {
        throw new Error('boom');
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [throwing, proxy]) {
      const result = safeRenderPrompt(testPrompt(), input);
      expect(!result.success && PromptVariablesError.isInstance(result.error)).toBe(true);
      expect(!result.success && result.error.message).toMatch(/variables: the variables cannot be read \(.+\); pass plain data/);
    }
    expect(() => renderPrompt(testPrompt(), throwing)).toThrow(/the variables cannot be read \(boom\)/);
  });
});
