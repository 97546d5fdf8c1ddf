// Two versions of a prompt with an output schema ({ answer, escalate }),
// compiled by the real compiler from the core fixture, for the outcome and
// model-call tests. Their own folder: versions.ts clears `.generated`.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import type { AnyPromptModule } from '../src/index.js';

const fixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const root = path.resolve(import.meta.dirname, '.generated-outcomes');

const output = `output:
  type: object
  properties:
    answer: { type: string, minLength: 1 }
    escalate: { type: boolean }
  required: [answer, escalate]
`;

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

async function make(folder: string, version: string, policyLine: string): Promise<AnyPromptModule> {
  const dir = path.join(folder, version, 'order-help');
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(fixture, dir, { recursive: true });
  edit(path.join(dir, 'package.json'), (text) => text.replace('"version": "1.0.0"', `"version": "${version}"`));
  edit(path.join(dir, 'prompt.yaml'), (text) => `${text.replace('  name: gpt-4o-mini\n', '  name: gpt-4o-mini\n  provider: openai\n  maxTokens: 300\n')}${output}`);
  edit(path.join(dir, 'policy.md'), (text) => `${text}${policyLine}`);
  const result = buildPrompt(dir);
  if (!result.success) throw new Error(`outcome fixture ${version} failed to build: ${JSON.stringify(result.diagnostics)}`);
  return import(pathToFileURL(path.join(dir, 'dist/index.js')).href) as Promise<AnyPromptModule>;
}

/**
 * 1.0.0 and 1.1.0 (one more policy line), both answering { answer, escalate },
 * in a folder of their own per `label` (test files run in parallel).
 */
export async function buildOutcomeVersions(label: string): Promise<{ stable: AnyPromptModule; canary: AnyPromptModule }> {
  const folder = path.join(root, label);
  rmSync(folder, { recursive: true, force: true });
  const stable = await make(folder, '1.0.0', '');
  const canary = await make(folder, '1.1.0', 'Offer to escalate when the order is late.\n');
  return { stable, canary };
}

export const orderVariables = {
  shop: 'Acme',
  customer: { name: 'Ada', tier: 'pro' as const },
  orders: [{ id: 'A-1', total: 12.5 }],
  question: 'Where is A-1?',
};
