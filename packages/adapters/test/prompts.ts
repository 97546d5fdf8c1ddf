// Real prompt packages for the adapter tests: this repository's
// refund-triage (structured output) and support-reply (free text), compiled
// by the real compiler into test/.generated, so their imports of zod and
// handlebars resolve from this package. Rendered with their own first eval
// case, so the variables are valid by construction.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import type { RenderedPrompt } from '../src/index.js';

const prompts = path.resolve(import.meta.dirname, '../../../prompts');
const root = path.resolve(import.meta.dirname, '.generated/prompts');

/** The parts of a built prompt package the adapter tests use. */
export interface BuiltPrompt {
  id: string;
  version: string;
  outputJsonSchema: { readonly [key: string]: unknown } | null;
  outputSchema: { parse(value: unknown): unknown };
  evals: { cases: ReadonlyArray<{ variables: unknown }> };
  render(variables: unknown): RenderedPrompt;
}

export async function buildTestPrompts(): Promise<{ refundTriage: BuiltPrompt; supportReply: BuiltPrompt }> {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(path.join(prompts, '_shared'), path.join(root, '_shared'), { recursive: true });
  const make = async (id: string) => {
    const dir = path.join(root, id);
    cpSync(path.join(prompts, id), dir, { recursive: true, filter: (source) => !/[\\/](node_modules|dist)$/.test(source) });
    const result = buildPrompt(dir);
    if (!result.success) throw new Error(`prompts/${id} failed to build: ${JSON.stringify(result.diagnostics)}`);
    return (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)) as BuiltPrompt;
  };
  return { refundTriage: await make('refund-triage'), supportReply: await make('support-reply') };
}

/** The prompt rendered with its first eval case's variables. */
export function renderFirstCase(prompt: BuiltPrompt): RenderedPrompt {
  const [first] = prompt.evals.cases;
  if (!first) throw new Error(`${prompt.id} has no eval case to render`);
  return prompt.render(first.variables);
}
