// A real prompt package for end-to-end runs: prompts/<id> copied into
// test/.generated and built by the real compiler. Written inside this package
// so its import of zod resolves.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import type { EvaluablePrompt } from '../src/index.js';

const prompts = path.resolve(import.meta.dirname, '../../../prompts');

export async function buildRealPrompt(id: string): Promise<EvaluablePrompt & { evals: { cases: ReadonlyArray<{ id: string; assert: ReadonlyArray<Record<string, unknown>> }> } }> {
  const dir = path.resolve(import.meta.dirname, '.generated', id);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(prompts, id), dir, { recursive: true, filter: (source) => !/[/\\](node_modules|dist)$/.test(source) });
  // The policy sections prompts include ({{> safety}}) sit next to the prompt folders.
  cpSync(path.join(prompts, '_shared'), path.resolve(dir, '../_shared'), { recursive: true });
  const result = buildPrompt(dir);
  if (!result.success) throw new Error(`prompts/${id} failed to build: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return import(pathToFileURL(path.join(dir, 'dist/index.js')).href);
}
