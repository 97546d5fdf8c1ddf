import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic, ObjectNode, SchemaNode } from '@promptpack/spec';
import { analyzeTemplate } from './analyze-template.js';
import { itemPath, propertyPath } from './variable-path.js';

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
  /** throws: Handlebars fails with every value passed; throws-when-omitted: it renders then, but fails when some optional value is left out. */
  runtime?: 'throws' | 'throws-when-omitted';
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

/**
 * Every declared value present and every list non-empty, the data under which
 * strict mode is most forgiving; except the optional properties `omit` picks
 * (by declared path, 'orders[].note'), which are left out.
 */
function sampleOf(node: SchemaNode, omit: (path: string) => boolean = () => false, path = ''): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(node.properties).flatMap(([name, property]) => {
          const child = propertyPath(path, name)!;
          return node.required?.includes(name) || !omit(child) ? [[name, sampleOf(property, omit, child)]] : [];
        }),
      );
    case 'array':
      return [sampleOf(node.items, omit, itemPath(path)), sampleOf(node.items, omit, itemPath(path))];
    case 'string':
      return node.enum?.[0] ?? 'text';
    case 'boolean':
      return true;
    default:
      return 1;
  }
}

/** Declared paths of the properties their object does not require. */
function optionalPaths(node: SchemaNode, path = ''): string[] {
  if (node.type === 'array') return optionalPaths(node.items, itemPath(path));
  if (node.type !== 'object') return [];
  return Object.entries(node.properties).flatMap(([name, property]) => {
    const child = propertyPath(path, name)!;
    return [...(node.required?.includes(name) ? [] : [child]), ...optionalPaths(property, child)];
  });
}

function render(testCase: Case, omit?: (path: string) => boolean): string {
  return Handlebars.compile(testCase.template, { strict: true, noEscape: true })(sampleOf(schemaOf(testCase), omit));
}

/** Data with one optional value left out at a time, then with all of them left out. */
function omissions(testCase: Case): { label: string; omit: (path: string) => boolean }[] {
  const optional = optionalPaths(schemaOf(testCase));
  return [
    ...optional.map((left) => ({ label: `without ${left}`, omit: (path: string) => path === left })),
    { label: 'without any optional value', omit: () => true },
  ];
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
    if (testCase.diagnostics.length === 0) {
      expect(() => render(testCase)).not.toThrow();
      for (const { label, omit } of omissions(testCase)) expect(() => render(testCase, omit), label).not.toThrow();
    }
    if (testCase.runtime === 'throws') expect(() => render(testCase)).toThrow();
    if (testCase.runtime === 'throws-when-omitted') {
      expect(() => render(testCase)).not.toThrow();
      const failing = omissions(testCase).filter(({ omit }) => {
        try {
          render(testCase, omit);
          return false;
        } catch {
          return true;
        }
      });
      expect(failing.length, 'some optional value left out should make Handlebars throw').toBeGreaterThan(0);
    }
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
