import { PromptpackError } from '@promptpack/spec';
import { describe, expect, test } from 'vitest';
import { PromptOutputError, PromptRenderError, PromptVariablesError } from './errors.js';
import type { Issue, PromptIdentity } from './prompt-definition.js';

const prompt: PromptIdentity = {
  id: 'support-mini',
  version: '1.2.3',
  meta: { id: 'support-mini', name: '@acme/prompt-support-mini', version: '1.2.3', contentHash: 'sha256:0', policyHash: 'sha256:1' },
  variablesExample: 'render({"name":"text"})',
};
const issue: Issue = { code: 'invalid_type', expected: 'string', path: ['name'], message: 'Invalid input' };

describe('PromptVariablesError', () => {
  test('lists every issue under a summary, then the hint', () => {
    const error = new PromptVariablesError(prompt, [issue, { ...issue, path: ['team'] }], { name: 1, team: 2 });
    expect(error.message).toBe(
      [
        'Invalid variables for prompt support-mini@1.2.3 (2 issues):',
        '  - variables.name: expected string, received number',
        '  - variables.team: expected string, received number',
        'hint: pass an object matching the Variables type of @acme/prompt-support-mini (JSON Schema: manifest.variables), e.g. render({"name":"text"}); safeRender() returns these issues instead of throwing.',
      ].join('\n'),
    );
    expect(error).toMatchObject({ name: 'PromptVariablesError', code: 'prompt/invalid-variables', promptId: 'support-mini', promptVersion: '1.2.3' });
    expect(error.hint).toMatch(/^pass an object/);
  });

  test('keeps the fields in the order earlier releases set them, so it logs the same', () => {
    expect(Object.keys(new PromptVariablesError(prompt, [issue], {}))).toEqual(['name', 'code', 'hint', 'promptId', 'promptVersion', 'issues']);
    expect(Object.keys(new PromptOutputError(prompt, [issue], {}, '{}'))).toEqual(['name', 'code', 'hint', 'promptId', 'promptVersion', 'issues', 'text']);
    expect(Object.keys(new PromptRenderError(prompt, 'policy.md', new Error('x')))).toEqual(['name', 'code', 'hint', 'promptId', 'promptVersion', 'issues', 'file']);
  });
});

describe('PromptOutputError', () => {
  test('counts one issue in the singular and keeps the model text', () => {
    const error = new PromptOutputError(prompt, [{ code: 'custom', path: [], message: 'expected JSON' }], 'Sure!', 'Sure!');
    expect(error.message.split('\n').slice(0, 2)).toEqual(['Invalid model output for prompt support-mini@1.2.3 (1 issue):', '  - output: expected JSON']);
    expect(error.text).toBe('Sure!');
    expect(error.code).toBe('prompt/invalid-output');
  });
});

describe('PromptRenderError', () => {
  test('names the file and carries what the template threw', () => {
    const cause = new Error('"agentNote" not defined in [object Object] - 1:6');
    const error = new PromptRenderError(prompt, 'template.hbs', cause);
    expect(error.message.split('\n').slice(0, 2)).toEqual(['Rendering template.hbs of prompt support-mini@1.2.3 failed:', `  - ${cause.message}`]);
    expect(error.cause).toBe(cause);
    expect(error).toMatchObject({ file: 'template.hbs', issues: [], code: 'prompt/render-failed' });
  });

  test('describes a thrown value that is not an Error', () => {
    expect(new PromptRenderError(prompt, 'policy.md', 'plain text').message).toContain('  - plain text\n');
    expect(new PromptRenderError(prompt, 'policy.md', undefined).message).toContain('  - undefined\n');
    expect(new PromptRenderError(prompt, 'policy.md', { message: 'from a helper' }).message).toContain('  - from a helper\n');
  });
});

describe('isInstance', () => {
  const errors = {
    variables: new PromptVariablesError(prompt, [issue], {}),
    output: new PromptOutputError(prompt, [issue], {}, '{}'),
    render: new PromptRenderError(prompt, 'policy.md', new Error('x')),
  };
  const classes = { variables: PromptVariablesError, output: PromptOutputError, render: PromptRenderError };

  test('accepts its own kind only, whichever copy of the class made it', () => {
    for (const [kind, check] of Object.entries(classes)) {
      for (const [other, error] of Object.entries(errors)) expect(check.isInstance(error), `${kind} <- ${other}`).toBe(kind === other);
    }
  });

  test('uses a registry-wide marker per class, not the one core shares', () => {
    expect((errors.variables as unknown as Record<symbol, unknown>)[Symbol.for('promptpack.variables-error')]).toBe(true);
    expect((errors.output as unknown as Record<symbol, unknown>)[Symbol.for('promptpack.output-error')]).toBe(true);
    expect((errors.render as unknown as Record<symbol, unknown>)[Symbol.for('promptpack.render-error')]).toBe(true);
    for (const error of Object.values(errors)) expect(PromptpackError.isInstance(error)).toBe(false);
    for (const check of Object.values(classes)) expect(check.isInstance(new PromptpackError('prompt/invalid', 'Invalid prompt.'))).toBe(false);
  });

  test('accepts an error of its kind from a package built before the markers split', () => {
    const earlier = (code: string) => ({ [Symbol.for('promptpack.error')]: true, code });
    expect(PromptVariablesError.isInstance(earlier('prompt/invalid-variables'))).toBe(true);
    expect(PromptOutputError.isInstance(earlier('prompt/invalid-output'))).toBe(true);
    expect(PromptRenderError.isInstance(earlier('prompt/render-failed'))).toBe(true);
    expect(PromptOutputError.isInstance(earlier('prompt/invalid-variables'))).toBe(false);
  });

  test('rejects values that are not marked', () => {
    for (const value of [null, undefined, 'prompt/invalid-variables', new Error('plain'), { code: 'prompt/invalid-variables' }]) {
      expect(PromptVariablesError.isInstance(value)).toBe(false);
    }
  });
});
