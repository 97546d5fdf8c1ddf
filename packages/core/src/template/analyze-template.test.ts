import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../diagnostic.js';
import type { ObjectNode, SchemaNode } from '../schema/schema-node.js';
import { analyzeTemplate } from './analyze-template.js';

interface ExpectedDiagnostic {
  code: Diagnostic['code'];
  line: number;
  column: number;
  path?: string;
  message?: string;
  hint?: string;
  expected?: string;
}

interface Case {
  name: string;
  template: string;
  file?: string;
  variables?: string;
  diagnostics: ExpectedDiagnostic[];
  used?: string[];
  runtime?: 'throws';
}

const suite = parse(readFileSync(new URL('./__fixtures__/analyze-template.cases.yaml', import.meta.url), 'utf8')) as {
  schemas: Record<string, ObjectNode>;
  cases: Case[];
};

function schemaOf(testCase: Case): ObjectNode {
  const schema = suite.schemas[testCase.variables ?? 'support'];
  if (!schema) throw new Error(`Case "${testCase.name}" names unknown schema ${testCase.variables}`);
  return schema;
}

// Every declared value present and every list non-empty: the data under which strict mode is most forgiving.
function sampleOf(node: SchemaNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(Object.entries(node.properties).map(([name, property]) => [name, sampleOf(property)]));
    case 'array':
      return [sampleOf(node.items), sampleOf(node.items)];
    case 'string':
      return node.enum?.[0] ?? 'text';
    case 'boolean':
      return true;
    default:
      return 1;
  }
}

function render(testCase: Case): string {
  return Handlebars.compile(testCase.template, { strict: true, noEscape: true })(sampleOf(schemaOf(testCase)));
}

function matcher(expected: ExpectedDiagnostic) {
  const { code, line, column, path, message, hint, expected: what } = expected;
  return {
    code,
    severity: 'error',
    line,
    column,
    ...(path !== undefined ? { path } : {}),
    ...(message !== undefined ? { message: expect.stringContaining(message) } : {}),
    ...(hint !== undefined ? { hint: expect.stringContaining(hint) } : {}),
    ...(what !== undefined ? { expected: expect.stringContaining(what) } : {}),
  };
}

describe('analyzeTemplate conformance suite', () => {
  it.each(suite.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const file = testCase.file ?? 'template.hbs';
    const analysis = analyzeTemplate(file, testCase.template, schemaOf(testCase));

    expect(analysis.diagnostics).toMatchObject(
      testCase.diagnostics.map((diagnostic) => ({ ...matcher(diagnostic), file })),
    );
    if (testCase.used) expect([...analysis.usedPaths].sort()).toEqual([...testCase.used].sort());
    if (testCase.diagnostics.length === 0) expect(() => render(testCase)).not.toThrow();
    if (testCase.runtime === 'throws') expect(() => render(testCase)).toThrow();
  });
});

describe('analyzeTemplate', () => {
  const variables = suite.schemas.support!;

  it('gives every diagnostic a message and a hint', () => {
    const sources = suite.cases.map((testCase) => testCase.template);
    for (const source of sources) {
      for (const diagnostic of analyzeTemplate('template.hbs', source, variables).diagnostics) {
        expect(diagnostic.message.length, source).toBeGreaterThan(0);
        expect(diagnostic.hint, `${source}: ${diagnostic.message}`).toBeTruthy();
      }
    }
  });

  it('stops at a parse error and reports no used paths', () => {
    const analysis = analyzeTemplate('template.hbs', '{{customer.name}} {{#if urgent}}', variables);
    expect(analysis.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['template/unclosed-block']);
    expect(analysis.usedPaths.size).toBe(0);
  });

  it('leaves the shared Handlebars parser usable after a parse error', () => {
    analyzeTemplate('template.hbs', '{{#if urgent}}{{/each}}', variables);
    expect(Handlebars.compile('{{a}}', { strict: true })({ a: 'ok' })).toBe('ok');
  });
});
