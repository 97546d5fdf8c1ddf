import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '@promptpack/spec';
import { loadPrompt } from '../src/index.js';

interface Edit {
  file: string;
  replace?: string;
  with: string | null;
}

interface Expected {
  code: string;
  file: string;
  line: number;
  column: number;
}

interface FixtureCase {
  name: string;
  edits: Edit[];
  errors: Expected[];
  warnings?: Expected[];
}

const fixtures = path.join(import.meta.dirname, '__fixtures__');
const cases = parse(readFileSync(path.join(fixtures, 'invalid-prompts.yaml'), 'utf8')) as FixtureCase[];
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-core-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** Copies the valid fixture and applies the edits; fails if an edit no longer matches (the case would test nothing). */
function materialize(edits: Edit[]): string {
  const dir = path.join(scratch, String(counter++), 'order-help');
  cpSync(path.join(fixtures, 'valid/order-help'), dir, { recursive: true });
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    if (edit.with === null) {
      rmSync(file);
      continue;
    }
    const before = readFileSync(file, 'utf8');
    if (edit.replace === undefined || !before.includes(edit.replace)) throw new Error(`fixture edit does not match ${edit.file}: ${edit.replace}`);
    writeFileSync(file, before.replace(edit.replace, edit.with));
  }
  return dir;
}

const located = (diagnostic: Diagnostic) => ({
  code: diagnostic.code,
  file: path.basename(diagnostic.file),
  line: diagnostic.line,
  column: diagnostic.column,
});

describe('the valid fixture', () => {
  it('loads with no diagnostics at all', () => {
    const result = loadPrompt(materialize([]));
    expect(result.diagnostics).toEqual([]);
    expect(result.success).toBe(true);
    expect(result.prompt?.spec.id).toBe('order-help');
    expect(result.prompt?.evals.repeats).toBe(3);
  });
});

describe('malformed prompt folders', () => {
  it('keeps at least 25 fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, fixture) => {
    const result = loadPrompt(materialize(fixture.edits));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map(located)).toEqual(fixture.errors);
    expect(result.success).toBe(false);
    if (fixture.warnings) {
      expect(result.diagnostics.filter((d) => d.severity === 'warning').map(located)).toEqual(fixture.warnings);
    }
    for (const error of errors) {
      // Every error says what to do, not only what is wrong.
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.hint, `${error.code} has a hint`).toBeTruthy();
    }
  });
});

describe('warnings', () => {
  it('reports a declared variable nobody uses, at its declaration, without failing the load', () => {
    const result = loadPrompt(materialize([{ file: 'template.hbs', replace: 'Question: {{question}}\n', with: '' }]));
    expect(result.success).toBe(true);
    expect(result.diagnostics.map(located)).toEqual([{ code: 'template/unused-variable', file: 'prompt.yaml', line: 28, column: 5 }]);
    expect(result.diagnostics[0]?.path).toBe('question');
  });

  it('reports a leftover dependency on handlebars, which dists no longer import, at its key', () => {
    const result = loadPrompt(materialize([{ file: 'package.json', replace: '"dependencies": { "zod": "4.6.7" }', with: '"dependencies": { "handlebars": "4.7.10", "zod": "4.6.7" }' }]));
    expect(result.success).toBe(true);
    expect(result.diagnostics.map(located)).toEqual([{ code: 'package/dependencies', file: 'package.json', line: 20, column: 21 }]);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', path: 'dependencies.handlebars', hint: 'Remove "handlebars" from "dependencies".' });
  });

  it('reports a blocking tier below the minimum the manifest sets, at that field, without failing the load', () => {
    const result = loadPrompt(materialize([{ file: 'evals.yaml', replace: '  - id: no-orders\n', with: '  - id: no-orders\n    tier: monitoring\n' }]));
    expect(result.success).toBe(true);
    expect(result.diagnostics.map(located)).toEqual([{ code: 'evals/few-blocking-cases', file: 'evals.yaml', line: 24, column: 25 }]);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'warning', path: 'thresholds.minimumBlockingCases', message: 'The blocking tier has 1 case; the minimum is 2.' });
    expect(result.diagnostics[0]?.hint).toContain('set thresholds.minimumBlockingCases to a lower number with a comment');
  });

  it('holds a manifest that sets no minimum to the bar of 50, pointing at its cases', () => {
    const result = loadPrompt(materialize([{ file: 'evals.yaml', replace: 'thresholds:\n  minimumBlockingCases: 2\n', with: '' }]));
    expect(result.success).toBe(true);
    expect(result.diagnostics.map(located)).toEqual([{ code: 'evals/few-blocking-cases', file: 'evals.yaml', line: 1, column: 1 }]);
    expect(result.diagnostics[0]).toMatchObject({ path: 'cases', message: 'The blocking tier has 2 cases; the minimum is 50 (the default).' });
    // An authoring check, not a gate rule: the default stays out of the parsed manifest (and so out of dist/evals.json).
    expect(result.prompt?.evals.thresholds).not.toHaveProperty('minimumBlockingCases');
  });

  it('refuses a minimum that is not a positive whole number', () => {
    const result = loadPrompt(materialize([{ file: 'evals.yaml', replace: 'minimumBlockingCases: 2', with: 'minimumBlockingCases: 0' }]));
    expect(result.success).toBe(false);
    expect(result.diagnostics.map(located)).toEqual([{ code: 'schema/invalid-value', file: 'evals.yaml', line: 23, column: 25 }]);
  });

  it('reports every problem of a folder at once, across files', () => {
    const result = loadPrompt(
      materialize([
        { file: 'prompt.yaml', replace: 'temperature: 0.2', with: 'temprature: 0.2' },
        { file: 'evals.yaml', replace: 'id: no-orders', with: 'id: basic' },
        { file: 'package.json', replace: '"version": "1.0.0"', with: '"version": "one"' },
        { file: 'fewshots.yaml', replace: 'assistant:', with: 'bot:' },
      ]),
    );
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['evals/duplicate-id', 'fewshots/not-a-pair', 'package/invalid-version', 'schema/unknown-key']);
  });
});
