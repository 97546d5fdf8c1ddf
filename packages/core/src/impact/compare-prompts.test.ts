import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPromptFromSources } from '../load-prompt.js';
import { promptFiles, type LoadedPrompt, type PromptFilePart } from '../loaded-prompt.js';
import { compareSchema } from './compare-schema.js';
import { comparePrompts } from './compare-prompts.js';

const fixture = path.resolve(import.meta.dirname, '../../test/__fixtures__/valid/order-help');
const sources = Object.fromEntries(
  readdirSync(fixture).map((file) => [Object.entries(promptFiles).find(([, name]) => name === file)![0], readFileSync(path.join(fixture, file), 'utf8')]),
) as Record<PromptFilePart, string>;

function load(overrides: Partial<Record<PromptFilePart, string>> = {}): LoadedPrompt {
  const result = loadPromptFromSources({ dir: fixture, folder: 'order-help', sources: { ...sources, ...overrides } });
  if (!result.success) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.prompt;
}

describe('comparePrompts', () => {
  it('marks a prompt with nothing before it as added, with no bump', () => {
    expect(comparePrompts(undefined, load())).toEqual({ id: 'order-help', bump: 'none', changes: [], added: true });
  });

  it('compares structured parts as data: reordered YAML keys, quoting and comments are no change', () => {
    const reordered = sources.prompt
      .replace('model:\n  name: gpt-4o-mini\n  temperature: 0.2\n', 'model: { temperature: 0.2, "name": gpt-4o-mini } # same model\n')
      .replace('      required: [name, tier]\n', '      required: [name, tier]\n      # comment\n');
    expect(reordered).not.toBe(sources.prompt);
    const fewshots = '- assistant: It shipped yesterday.\n  user: "Where is my order?"\n';
    expect(comparePrompts(load(), load({ prompt: reordered, fewshots }))).toMatchObject({ bump: 'none', changes: [] });
  });

  it('compares text parts as text: every character counts', () => {
    const impact = comparePrompts(load(), load({ template: sources.template.replace('Question:', 'Question: ') }));
    expect(impact.changes).toEqual([{ part: 'template', bump: 'patch', summary: 'template text changed, whitespace only (1 line)' }]);
  });
});

describe('compareSchema', () => {
  it('reports the whole subtree once when a property is removed', () => {
    const before = { type: 'object' as const, properties: { a: { type: 'object' as const, properties: { b: { type: 'string' as const } } } } };
    const after = { type: 'object' as const, properties: {} };
    expect(compareSchema(before, after, 'input')).toEqual([{ bump: 'major', path: 'a', summary: 'variable "a" removed' }]);
  });

  it('names array items of a root array output with []', () => {
    const before = { type: 'array' as const, items: { type: 'string' as const, enum: ['x'] } };
    const after = { type: 'array' as const, items: { type: 'string' as const, enum: ['x', 'y'] } };
    expect(compareSchema(before, after, 'output')).toEqual([{ bump: 'major', path: '[]', summary: 'enum value "y" added to output[]' }]);
  });
});
