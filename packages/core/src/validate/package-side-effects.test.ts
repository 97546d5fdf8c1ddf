import { describe, expect, it } from 'vitest';
import { checkSideEffects } from './package-side-effects.js';

const check = (source: string) => checkSideEffects(JSON.parse(source) as Record<string, unknown>, source, 'prompts/faq/package.json');

describe('checkSideEffects', () => {
  it('accepts "sideEffects": false', () => {
    expect(check('{\n  "name": "@acme/prompt-faq",\n  "sideEffects": false\n}\n')).toEqual([]);
  });

  it('warns when the key is missing, at the start of the file, with the line to add', () => {
    const [diagnostic, ...rest] = check('{\n  "name": "@acme/prompt-faq"\n}\n');
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ code: 'package/side-effects', severity: 'warning', file: 'prompts/faq/package.json', line: 1, column: 1, path: 'sideEffects', expected: '"sideEffects": false' });
    expect(diagnostic?.message).toContain('does not say "sideEffects": false');
    expect(diagnostic?.hint).toContain('Add "sideEffects": false');
  });

  it.each([['true'], ['["./dist/index.js"]'], ['"false"']])('warns at the key for "sideEffects": %s, quoting what it says', (value) => {
    const [diagnostic] = check(`{\n  "name": "@acme/prompt-faq",\n  "sideEffects": ${value}\n}\n`);
    expect(diagnostic).toMatchObject({ code: 'package/side-effects', severity: 'warning', line: 3, column: 3 });
    expect(diagnostic?.message).toContain(`says "sideEffects": ${JSON.stringify(JSON.parse(value))}`);
  });
});
