import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Diagnostic, formatDiagnostic } from '@promptpack/spec';
import { comparePrompts } from '../impact/compare-prompts.js';
import { loadPrompt, loadPromptFromSources } from '../load-prompt.js';
import { promptFiles, type LoadedPrompt, type PromptFilePart } from '../loaded-prompt.js';
import { effectivePolicy } from './effective-policy.js';

const fixture = path.resolve(import.meta.dirname, '../../test/__fixtures__/valid/order-help');
const base = Object.fromEntries(
  readdirSync(fixture).map((file) => [Object.entries(promptFiles).find(([, name]) => name === file)![0], readFileSync(path.join(fixture, file), 'utf8')]),
) as Record<PromptFilePart, string>;
const policyWithSafety = base.policy.replace('Be brief and accurate.\n', 'Be brief and accurate.\n{{> safety}}\n');
const safety = 'Never give medical advice to {{customer.name}}.\n';

/** The order-help fixture renamed to `id`, so several prompts can include one section. */
function sourcesFor(id: string, overrides: Partial<Record<PromptFilePart, string>> = {}): Record<PromptFilePart, string> {
  const rename = (text: string) => text.replaceAll('order-help', id);
  return { ...base, packageJson: rename(base.packageJson), prompt: rename(base.prompt), policy: policyWithSafety, ...overrides };
}

function load(id: string, shared: Record<string, string>, overrides: Partial<Record<PromptFilePart, string>> = {}) {
  return loadPromptFromSources({ dir: `/repo/prompts/${id}`, folder: id, sources: sourcesFor(id, overrides), shared, displayDir: `prompts/${id}` });
}

function loaded(id: string, shared: Record<string, string>, overrides: Partial<Record<PromptFilePart, string>> = {}): LoadedPrompt {
  const result = load(id, shared, overrides);
  if (!result.success) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.prompt;
}

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

describe('including shared sections', () => {
  it('loads the sections the policy includes, sorted, and inlines them into the effective policy', () => {
    const prompt = loaded('order-help', { safety, tone: 'Be warm.\n', unused: 'Not included.\n' }, { policy: `{{> tone}}\n${policyWithSafety}` });
    expect(prompt.shared).toEqual([
      { name: 'safety', file: 'prompts/_shared/safety.md', text: safety },
      { name: 'tone', file: 'prompts/_shared/tone.md', text: 'Be warm.\n' },
    ]);
    expect(effectivePolicy(prompt)).toBe(`Be warm.\n${base.policy.replace('Be brief and accurate.\n', `Be brief and accurate.\n${safety}`)}`);
  });

  it('reports an unknown section at the exact line:col, with the sections there are and a suggestion', () => {
    const result = load('order-help', { safety, tone: 'x\n' }, { policy: policyWithSafety.replace('{{> safety}}', '{{> safty}}') });
    expect(result.success).toBe(false);
    expect(errors(result.diagnostics)).toEqual([
      {
        code: 'template/unknown-partial',
        severity: 'error',
        file: 'prompts/order-help/policy.md',
        line: 3,
        column: 1,
        path: 'safty',
        message: 'Unknown shared section "safty" in {{> safty}}: there is no prompts/_shared/safty.md.',
        hint: 'Did you mean {{> safety}}? Shared sections available: safety, tone.',
      },
    ]);
  });

  it('says so when there are no shared sections at all', () => {
    const [problem] = errors(load('order-help', {}).diagnostics);
    expect(problem).toMatchObject({ code: 'template/unknown-partial', line: 3, column: 1 });
    expect(problem?.hint).toBe('There are no shared sections yet; create prompts/_shared/safety.md to add one.');
  });

  it("checks a section's variables against the including prompt's schema, at the section's own file:line:col", () => {
    const result = load('order-help', { safety: 'Rules.\nNever advise {{customer.nmae}}.\n' });
    expect(errors(result.diagnostics)).toEqual([
      expect.objectContaining({
        code: 'template/unknown-variable',
        file: 'prompts/_shared/safety.md',
        line: 2,
        column: 16,
        path: 'customer.nmae',
        message: expect.stringMatching(/^Unknown variable "customer\.nmae" in safety\.md.* \(shared section "safety", as included by prompt "order-help" at prompts\/order-help\/policy\.md:3:1\)$/),
      }),
    ]);
  });

  it('counts variables a section uses as used: no unused-variable warning', () => {
    const policy = base.policy.replace('You answer order questions for {{shop}}.\n', 'You answer order questions.\n{{> shop}}\n');
    const result = load('order-help', { shop: 'The shop is {{shop}}.\n' }, { policy });
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    ['in template.hbs', { template: `{{> safety}}\n${base.template}` }, 'template.hbs', /only policy\.md can/],
    ['sharing its line', { policy: `${base.policy}See also: {{> safety}}\n` }, 'policy.md', /shares its line with other text/],
    ['inside {{#each}}', { policy: `${base.policy}{{#each orders}}\n- {{id}}\n{{> safety}}\n{{/each}}\n` }, 'policy.md', /inside \{\{#each\}\} or \{\{#with\}\}/],
    ['with an argument', { policy: base.policy.replace('Be brief and accurate.\n', 'Be brief and accurate.\n{{> safety customer}}\n') }, 'policy.md', /not a plain include/],
    ['with ~', { policy: base.policy.replace('Be brief and accurate.\n', 'Be brief and accurate.\n{{~> safety}}\n') }, 'policy.md', /uses "~"/],
  ])('rejects an include %s with a clear message', (_case, overrides, file, message) => {
    const problems = errors(load('order-help', { safety }, overrides as Partial<Record<PromptFilePart, string>>).diagnostics);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'template/syntax', file: `prompts/order-help/${file}` });
    expect(problems[0]?.message).toMatch(message);
  });

  it('rejects a section that includes another section, at the section file', () => {
    const problems = errors(load('order-help', { safety: 'Safe.\n{{> tone}}\n', tone: 'Warm.\n' }).diagnostics);
    expect(problems).toEqual([expect.objectContaining({ code: 'template/syntax', file: 'prompts/_shared/safety.md', line: 2, column: 1, message: expect.stringMatching(/sections cannot include other sections/) })]);
  });

  it('reports a section that does not parse, once, naming the including prompt', () => {
    const problems = errors(load('order-help', { safety: 'Safe {{#if customer.name}}.\n' }).diagnostics);
    expect(problems).toEqual([expect.objectContaining({ code: 'template/unclosed-block', file: 'prompts/_shared/safety.md', message: expect.stringMatching(/included by prompt "order-help"/) })]);
  });
});

describe('loadPrompt on disk', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-shared-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the sections in ../_shared and reads only the included ones', () => {
    const dir = path.join(scratch, 'prompts/order-help');
    cpSync(fixture, dir, { recursive: true });
    mkdirSync(path.join(scratch, 'prompts/_shared'));
    writeFileSync(path.join(dir, 'policy.md'), policyWithSafety);
    writeFileSync(path.join(scratch, 'prompts/_shared/safety.md'), `\uFEFF${safety}`);
    writeFileSync(path.join(scratch, 'prompts/_shared/other.md'), 'Other.\n');
    const result = loadPrompt(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.prompt?.shared).toEqual([{ name: 'safety', file: expect.stringMatching(/prompts[\\/]_shared[\\/]safety\.md$/), text: safety }]);
  });
});

describe('semver impact of a shared section', () => {
  const prompts = ['order-help', 'order-faq', 'order-status'];
  const before: Record<string, LoadedPrompt> = Object.fromEntries(prompts.map((id) => [id, loaded(id, { safety })]));

  it('fans a change of the section out to every prompt that includes it, as a minor policy change', () => {
    const changed = 'Never give medical or legal advice to {{customer.name}}.\n';
    for (const id of prompts) {
      expect(comparePrompts(before[id], loaded(id, { safety: changed }))).toEqual({
        id,
        bump: 'minor',
        added: false,
        changes: [{ part: 'policy', bump: 'minor', summary: 'policy text changed (1 line): shared section "safety" changed' }],
      });
    }
  });

  it('still reports a whitespace-only change of the section, and says it is one', () => {
    const impact = comparePrompts(before['order-faq']!, loaded('order-faq', { safety: safety.replace('medical advice', 'medical  advice') }));
    expect(impact.changes).toEqual([{ part: 'policy', bump: 'minor', summary: 'policy text changed, whitespace only (1 line): shared section "safety" changed' }]);
  });

  it('names a section newly included alongside the policy edit', () => {
    const plain = loaded('order-help', {}, { policy: base.policy });
    expect(comparePrompts(plain, before['order-help']!).changes).toEqual([
      { part: 'policy', bump: 'minor', summary: 'policy text changed (1 line), with shared section "safety" included' },
    ]);
  });

  it('is no change when a section moves into _shared with the same effective text', () => {
    const inline = loaded('order-help', {}, { policy: base.policy.replace('Be brief and accurate.\n', `Be brief and accurate.\n${safety}`) });
    expect(comparePrompts(inline, before['order-help']!)).toMatchObject({ bump: 'none', changes: [] });
  });
});
