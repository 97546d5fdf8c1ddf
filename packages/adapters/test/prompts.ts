// Real prompt packages for the adapter tests: this repository's
// refund-triage (structured output) and support-reply (free text), compiled
// by the real compiler into test/.generated, so their imports of zod and
// handlebars resolve from this package. Rendered with their own first eval
// case, so the variables are valid by construction.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import type { z } from 'zod';
import type { JsonSchemaObject, RenderedPrompt } from '../src/index.js';

const prompts = path.resolve(import.meta.dirname, '../../../prompts');
const generated = path.resolve(import.meta.dirname, '.generated');

/** The parts of a built prompt package the adapter tests use, as its index.d.ts declares them. */
export interface BuiltPrompt {
  id: string;
  version: string;
  outputSchema: z.ZodType;
  evals: { cases: ReadonlyArray<{ variables: unknown }> };
  render(variables: unknown): RenderedPrompt;
}

export interface StructuredPrompt extends BuiltPrompt {
  outputJsonSchema: JsonSchemaObject;
}

export interface TextPrompt extends BuiltPrompt {
  outputJsonSchema: null;
}

/** test/__fixtures__/order-agent: free text, two tools (tools.yaml) and chat history (`history: {}`). */
export interface AgentPrompt extends TextPrompt {
  evals: { cases: ReadonlyArray<{ variables: unknown; history: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }> }> };
  render(variables: unknown, options?: { history?: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }> }): RenderedPrompt;
  parseToolCall(call: unknown): { name: string; arguments: Record<string, unknown> };
}

const fixtures = path.resolve(import.meta.dirname, '__fixtures__');

/** Builds into test/.generated/<folder>: one folder per test file, as vitest runs files in parallel. */
export async function buildTestPrompts(folder: string): Promise<{ refundTriage: StructuredPrompt; supportReply: TextPrompt; orderAgent: AgentPrompt }> {
  const root = path.join(generated, folder);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(path.join(prompts, '_shared'), path.join(root, '_shared'), { recursive: true });
  const make = async <Prompt extends BuiltPrompt>(id: string, from = prompts) => {
    const dir = path.join(root, id);
    cpSync(path.join(from, id), dir, { recursive: true, filter: (source) => !/[\\/](node_modules|dist)$/.test(source) });
    const result = buildPrompt(dir);
    if (!result.success) throw new Error(`prompts/${id} failed to build: ${JSON.stringify(result.diagnostics)}`);
    return (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)) as Prompt;
  };
  return {
    refundTriage: await make<StructuredPrompt>('refund-triage'),
    supportReply: await make<TextPrompt>('support-reply'),
    orderAgent: await make<AgentPrompt>('order-agent', fixtures),
  };
}

/** order-agent rendered with its first eval case: its variables and its history turns. */
export function renderAgentCase(prompt: AgentPrompt): RenderedPrompt {
  const [first] = prompt.evals.cases;
  if (!first) throw new Error(`${prompt.id} has no eval case to render`);
  return prompt.render(first.variables, { history: first.history });
}

/** The prompt rendered with its first eval case's variables. */
export function renderFirstCase(prompt: BuiltPrompt): RenderedPrompt {
  const [first] = prompt.evals.cases;
  if (!first) throw new Error(`${prompt.id} has no eval case to render`);
  return prompt.render(first.variables);
}
