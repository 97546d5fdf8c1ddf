import { PromptpackError } from '@promptpack/spec';
import { describe, expect, it } from 'vitest';
import { compileTemplateToJs } from '../../src/template-js/index.js';

function buildError(source: string): PromptpackError {
  try {
    compileTemplateToJs(source, { file: 'prompts/demo/template.hbs' });
  } catch (error) {
    if (PromptpackError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(source)} compiled`);
}

describe('a construct the generator does not express is a build error naming it and its line:column', () => {
  it.each([
    ['an unknown helper', 'a\n  {{upper name}}', 2, 3, 'the helper "upper" in {{upper …}} is not one the generator supports'],
    ['an unknown block helper', '{{#foo a}}x{{/foo}}', 1, 1, 'the helper "foo" in {{#foo}}'],
    ['a value used as a block', '{{#customer}}{{name}}{{/customer}}', 1, 1, '{{#customer}} uses a value as a block'],
    ['a block helper used inline', '{{if a}}', 1, 1, 'the block helper "if" is used inline'],
    ['log', '{{log a}}', 1, 1, 'the helper "log"'],
    ['lookup with one argument', '{{lookup a}}', 1, 1, 'lookup takes exactly two arguments, got 1'],
    ['if with two arguments', 'x {{#if a b}}y{{/if}}', 1, 3, '{{#if}} takes exactly one argument, got 2'],
    ['a partial not inlined', 'A\n{{> safety}}\n', 2, 1, 'the partial {{> safety}} is not inlined'],
    ['a partial block', '{{#> layout}}x{{/layout}}', 1, 1, 'partial blocks'],
    ['a decorator', '{{#* inline "x"}}y{{/inline}}', 1, 1, 'decorators'],
    ['a template that does not parse', 'a\n{{#if x}}', 2, 0, 'Handlebars cannot parse'],
  ])('%s', (_name, source, line, column, message) => {
    const error = buildError(source);
    expect(error.code).toBe('build/failed');
    expect(error.message).toContain('Cannot compile prompts/demo/template.hbs to JavaScript');
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ severity: 'error', file: 'prompts/demo/template.hbs', line, message: expect.stringContaining(message), hint: expect.any(String) });
    if (column > 0) expect(error.diagnostics[0]!.column).toBe(column);
  });

  it('inlines shared sections passed by name, so the partial is no error', () => {
    expect(() => compileTemplateToJs('A\n{{> safety}}\n', { sections: { safety: 'Be safe.' } })).not.toThrow();
  });
});
