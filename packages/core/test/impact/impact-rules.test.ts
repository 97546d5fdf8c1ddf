import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evalManifestSchema, fewShotsSchema, promptSpecSchema, toolsSpecSchema, type PartChange } from '@promptpack/spec';
import {
  comparePrompts,
  loadPromptFromSources,
  type LoadedPrompt,
  type PromptPackageJson,
} from '../../src/index.js';

/** A prompt as plain data: what each file of the folder holds. */
interface PromptData {
  packageJson: Record<string, unknown>;
  prompt: Record<string, unknown>;
  policy: string;
  template: string;
  fewshots: unknown[];
  evals: Record<string, unknown>;
  /** tools.yaml; absent when the prompt has no tools. */
  tools?: Record<string, unknown>;
}

interface Row {
  name: string;
  before?: Partial<PromptData>;
  after?: Partial<PromptData>;
  bump: string;
  changes: string[];
  /** The diagnostic code loading `after` must fail with: a change refused before any impact is computed. */
  refused?: string;
}

const table = parse(readFileSync(path.join(import.meta.dirname, 'impact-rules.yaml'), 'utf8')) as { base: PromptData; rows: Row[] };

/** Objects merge key by key, lists and text replace, null deletes: enough to write any edit as a small override. */
function merge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isObject(base) || !isObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    // Defined, not assigned: assigning a `__proto__` key would set the prototype instead.
    else Object.defineProperty(merged, key, { value: merge(Object.hasOwn(base, key) ? base[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Builds the LoadedPrompt the comparison sees, parsing each part with its
 * schema (defaults included) but without the cross-file checks, so a row can
 * change one part without rewriting the others to stay consistent.
 */
function sourcesOf(data: PromptData) {
  return {
    packageJson: JSON.stringify(data.packageJson, null, 2),
    prompt: stringify(data.prompt),
    policy: data.policy,
    fewshots: stringify(data.fewshots),
    template: data.template,
    evals: stringify(data.evals),
    ...(data.tools ? { tools: stringify(data.tools) } : {}),
  };
}

function prompt(data: PromptData): LoadedPrompt {
  const sources = sourcesOf(data);
  return {
    dir: '/virtual/ticket-triage',
    files: { packageJson: 'package.json', prompt: 'prompt.yaml', policy: 'policy.md', fewshots: 'fewshots.yaml', template: 'template.hbs', evals: 'evals.yaml', policyLock: 'policy.lock', tools: 'tools.yaml' },
    sources,
    shared: [],
    policyLock: undefined,
    packageJson: data.packageJson as PromptPackageJson,
    spec: promptSpecSchema.parse(data.prompt),
    fewshots: fewShotsSchema.parse(data.fewshots),
    evals: evalManifestSchema.parse(data.evals),
    tools: data.tools ? toolsSpecSchema.parse(data.tools).tools : [],
    warnings: [],
  };
}

const format = (change: PartChange) => `${change.part} ${change.bump}: ${change.summary}`;

describe('the impact table', () => {
  it('starts from a base prompt that passes full validation', () => {
    const { base } = table;
    const result = loadPromptFromSources({ dir: '/virtual/ticket-triage', folder: 'ticket-triage', sources: prompt(base).sources, displayDir: 'base:prompts/ticket-triage' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('has a row for each bump and each part', () => {
    const bumps = new Set(table.rows.filter((row) => !row.refused).map((row) => row.bump));
    const parts = new Set(table.rows.flatMap((row) => row.changes.map((change) => change.split(' ')[0])));
    expect([...bumps].sort()).toEqual(['major', 'minor', 'none', 'patch']);
    expect([...parts].sort()).toEqual(['evals', 'fewshots', 'metadata', 'model', 'output', 'policy', 'template', 'tools', 'variables']);
    expect(table.rows.length).toBeGreaterThanOrEqual(30);
  });
});

describe.each(table.rows)('$name', (row) => {
  it(row.refused ? `is refused (${row.refused})` : `is ${row.bump}`, () => {
    if (row.refused) {
      const after = merge(table.base, row.after) as PromptData;
      const result = loadPromptFromSources({ dir: '/virtual/ticket-triage', folder: 'ticket-triage', sources: sourcesOf(after), displayDir: 'after:prompts/ticket-triage' });
      expect(result.success).toBe(false);
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([row.refused]);
      return;
    }
    const before = merge(table.base, row.before) as PromptData;
    const after = merge(table.base, row.after) as PromptData;
    const impact = comparePrompts(prompt(before), prompt(after));
    expect(impact.changes.map(format)).toEqual(row.changes);
    expect(impact.bump).toBe(row.bump);
    expect(impact.added).toBe(false);
    expect(impact.id).toBe('ticket-triage');
  });
});
