import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { effectivePolicy, loadPrompt, type LoadedPrompt } from '@promptpack/core';
import { PromptpackError, type ObjectNode } from '@promptpack/spec';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { precompileTemplate } from '../../src/precompile-template.js';
import { compileTemplateToJs, templateFunction } from '../../src/template-js/index.js';
import { buildAndImport, scratchDir } from '../temp-build.js';
import { handlebarsRender, outcomeOf } from './outcome.js';
import { seededRandom } from './random.js';
import { anyObject, valueForSchema } from './random-values.js';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const seed = 20261201;
const scratch = scratchDir();
afterAll(() => scratch.cleanup());

/** What packages shipped before templates were compiled to JavaScript: precompiled, run by handlebars/runtime. */
function precompiledRender(file: string, text: string): (data: unknown) => string {
  const spec = new Function(`return ${precompileTemplate(file, text)};`)();
  return Handlebars.create().template(spec) as (data: unknown) => string;
}

function promptFolders(): string[] {
  const prompts = path.join(repoRoot, 'prompts');
  return [
    ...readdirSync(prompts, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !/^[_.]/.test(entry.name))
      .map((entry) => path.join(prompts, entry.name)),
    path.join(repoRoot, 'scripts/bench/runtime-workload'),
    path.join(repoRoot, 'packages/build/test/__fixtures__/support-mini'),
  ];
}

function load(dir: string): LoadedPrompt {
  const result = loadPrompt(dir);
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  return result.prompt!;
}

/** Eval cases' variables, then values drawn from the schema (optional values left out at random), then values of any shape. */
function dataFor(prompt: LoadedPrompt, count: number): unknown[] {
  const random = seededRandom(seed);
  const names = Object.keys(prompt.spec.variables.properties);
  return [
    ...prompt.evals.cases.map((evalCase) => evalCase.variables),
    ...Array.from({ length: count }, () => valueForSchema(prompt.spec.variables, random)),
    ...Array.from({ length: count / 4 }, () => anyObject(random, names)),
  ];
}

describe('every template in this repository renders byte-identical to precompiled Handlebars', () => {
  it.each(promptFolders().map((dir) => [path.relative(repoRoot, dir), dir]))('%s', (_name, dir) => {
    const prompt = load(dir);
    const sections = Object.fromEntries(prompt.shared.map((section) => [section.name, section.text]));
    const templates = [
      { file: prompt.files.template, text: prompt.sources.template, compiled: compileTemplateToJs(prompt.sources.template, { file: prompt.files.template }) },
      { file: prompt.files.policy, text: effectivePolicy(prompt), compiled: compileTemplateToJs(prompt.sources.policy, { file: prompt.files.policy, sections }) },
    ];
    let compared = 0;
    for (const { file, text, compiled } of templates) {
      const expected = precompiledRender(file, text);
      const actual = templateFunction(compiled);
      for (const data of dataFor(prompt, 200)) {
        expect(outcomeOf(actual, data), `${file} with ${JSON.stringify(data)}`).toEqual(outcomeOf(expected, data));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(400);
  });

  // The artifact a service gets: each prompt built by compilePrompt, its dist imported, render() called.
  it.each(promptFolders().map((dir) => [path.relative(repoRoot, dir), dir]))('%s, built: its dist renders what Handlebars renders', async (_name, dir) => {
    const prompt = load(dir);
    const built = await buildAndImport(prompt, path.join(scratch.dir, path.basename(dir)));
    const system = precompiledRender(prompt.files.policy, effectivePolicy(prompt));
    const user = precompiledRender(prompt.files.template, prompt.sources.template);
    let rendered = 0;
    for (const data of dataFor(prompt, 100)) {
      const result = built.esm.safeRender(data);
      const parsed = built.esm.variablesSchema.safeParse(data) as { success: boolean; data?: unknown };
      const expected = parsed.success ? [outcomeOf(system, parsed.data), outcomeOf(user, parsed.data)] : [];
      if (!parsed.success || expected.some((outcome) => 'error' in outcome)) {
        // Invalid variables, or a template Handlebars fails on: an error result, never a half-rendered prompt.
        expect(result.success, JSON.stringify(data)).toBe(false);
        continue;
      }
      const messages = (result.data as { messages: Array<{ content: string }> }).messages;
      expect([messages[0]!.content, messages.at(-1)!.content], JSON.stringify(data)).toEqual(expected.map((outcome) => (outcome as { text: string }).text));
      rendered++;
    }
    // At least every eval case renders (random values may miss a prompt's patterns and formats, and are then refused).
    expect(rendered).toBeGreaterThanOrEqual(prompt.evals.cases.length);
  });

  it('inlines shared sections exactly as Handlebars renders them registered as partials', () => {
    const prompt = load(path.join(repoRoot, 'prompts/support-reply'));
    const handlebars = Handlebars.create();
    for (const section of prompt.shared) handlebars.registerPartial(section.name, section.text.endsWith('\n') ? section.text : `${section.text}\n`);
    const withPartials = handlebars.compile(prompt.sources.policy.replace(/\r?\n$/, ''), { strict: true, noEscape: true, knownHelpersOnly: true });
    const sections = Object.fromEntries(prompt.shared.map((section) => [section.name, section.text]));
    const actual = templateFunction(compileTemplateToJs(prompt.sources.policy, { file: prompt.files.policy, sections }));
    expect(prompt.shared.length).toBeGreaterThan(0);
    for (const data of dataFor(prompt, 20)) expect(outcomeOf(actual, data)).toEqual(outcomeOf(withPartials, data));
  });
});

interface AnalysisCase {
  name: string;
  template: string;
  variables?: string;
  diagnostics: unknown[];
}

const suite = parse(readFileSync(path.join(repoRoot, 'packages/core/src/template/__fixtures__/analyze-template.cases.yaml'), 'utf8')) as {
  schemas: Record<string, ObjectNode>;
  cases: AnalysisCase[];
};
const accepted = suite.cases.filter((testCase) => testCase.diagnostics.length === 0);

describe('every template the analysis cases accept renders byte-identical to Handlebars', () => {
  it('has accepted cases to compare', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(13);
  });

  it.each(accepted.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const schema = suite.schemas[testCase.variables ?? 'support']!;
    const random = seededRandom(seed);
    const expected = handlebarsRender(testCase.template);
    const actual = templateFunction(compileTemplateToJs(testCase.template));
    const names = Object.keys(schema.properties);
    const data = [
      ...Array.from({ length: 150 }, () => valueForSchema(schema, random)),
      ...Array.from({ length: 50 }, () => anyObject(random, names)),
    ];
    for (const value of data) expect(outcomeOf(actual, value), JSON.stringify(value)).toEqual(outcomeOf(expected, value));
  });
});

describe('templates the analysis cases reject', () => {
  const rejected = suite.cases.filter((testCase) => testCase.diagnostics.length > 0);

  // The generator either expresses a rejected template exactly, or refuses it with a located build error; it never guesses.
  it.each(rejected.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    let actual: ((data: unknown) => string) | undefined;
    try {
      actual = templateFunction(compileTemplateToJs(testCase.template));
    } catch (error) {
      expect(PromptpackError.isInstance(error)).toBe(true);
      expect((error as PromptpackError).message).toMatch(/^Cannot compile template\.hbs to JavaScript: .*template\.hbs:\d+:\d+/s);
      return;
    }
    const schema = suite.schemas[testCase.variables ?? 'support']!;
    const random = seededRandom(seed);
    const expected = handlebarsRender(testCase.template);
    for (let index = 0; index < 50; index++) {
      const value = valueForSchema(schema, random);
      expect(outcomeOf(actual, value), JSON.stringify(value)).toEqual(outcomeOf(expected, value));
    }
  });
});
