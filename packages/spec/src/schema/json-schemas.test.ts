import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorJsonSchemas } from './json-schemas.js';

const schemasDir = path.resolve(import.meta.dirname, '../../schemas');

describe('editor JSON Schemas', () => {
  it.each(Object.entries(editorJsonSchemas()))('schemas/%s.schema.json is up to date (run `pnpm schemas` if not)', (name, schema) => {
    const committed = JSON.parse(readFileSync(path.join(schemasDir, `${name}.schema.json`), 'utf8'));
    expect(committed).toEqual(schema);
  });

  it('rejects unknown top-level keys in prompt.yaml so editors flag typos', () => {
    const prompt = editorJsonSchemas().prompt as { additionalProperties?: unknown; required?: string[] };
    expect(prompt.additionalProperties).toBe(false);
    expect(prompt.required).toEqual(expect.arrayContaining(['id', 'description', 'owners', 'model', 'variables']));
  });

  it('lets authors omit keys that have defaults in evals.yaml', () => {
    const evals = editorJsonSchemas().evals as { required?: string[] };
    expect(evals.required).toEqual(['cases']);
  });
});
