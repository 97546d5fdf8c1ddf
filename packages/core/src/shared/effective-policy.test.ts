import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPrompt } from '../load-prompt.js';
import { effectivePolicy, inlineSharedSections, sectionText } from './effective-policy.js';

interface Case {
  name: string;
  policy: string;
  shared: Record<string, string>;
  data?: Record<string, unknown>;
  effective?: string;
}

const suite = parse(readFileSync(new URL('./__fixtures__/effective-policy.cases.yaml', import.meta.url), 'utf8')) as { cases: Case[] };
const options = { strict: true, noEscape: true } as const;

/** What Handlebars itself renders with each section registered as a partial (its text as `sectionText` gives it). */
function renderWithPartials(policy: string, shared: Record<string, string>, data: unknown): string {
  const handlebars = Handlebars.create();
  for (const [name, text] of Object.entries(shared)) handlebars.registerPartial(name, sectionText(text));
  return handlebars.compile(policy, options)(data);
}

function renderInlined(text: string, data: unknown): string {
  return Handlebars.create().compile(text, options)(data);
}

describe('effectivePolicy renders exactly as Handlebars partials do', () => {
  it.each(suite.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const effective = inlineSharedSections(testCase.policy, testCase.shared);
    if (testCase.effective !== undefined) expect(effective).toBe(testCase.effective);
    expect(effective).not.toMatch(/\{\{>/);
    const data = testCase.data ?? {};
    expect(renderInlined(effective, data)).toBe(renderWithPartials(testCase.policy, testCase.shared, data));
  });

  it('leaves unknown sections and a policy that does not parse as they are', () => {
    expect(inlineSharedSections('A\n{{> nope}}\n', {})).toBe('A\n{{> nope}}\n');
    expect(inlineSharedSections('A {{#if}}\n', { s: 'x' })).toBe('A {{#if}}\n');
  });

  // The real prompts, with every eval case's variables: what the model gets from the built package is what Handlebars partials give.
  const promptsDir = path.resolve(import.meta.dirname, '../../../../prompts');
  const prompts = readdirSync(promptsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !/^[_.]/.test(entry.name));
  it.each(prompts.map((entry) => [entry.name]))('the %s prompt, with each eval case', (name) => {
    const result = loadPrompt(path.join(promptsDir, name));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const prompt = result.prompt!;
    const shared = Object.fromEntries(prompt.shared.map((section) => [section.name, section.text]));
    const effective = effectivePolicy(prompt);
    expect(effective === prompt.sources.policy).toBe(prompt.shared.length === 0);
    for (const evalCase of prompt.evals.cases) {
      expect(renderInlined(effective, evalCase.variables), evalCase.id).toBe(renderWithPartials(prompt.sources.policy, shared, evalCase.variables));
    }
  });
});
