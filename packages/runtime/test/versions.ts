// Two real versions of one prompt, compiled by the real compiler from the
// core fixture: 1.0.0, and 1.1.0 with a new policy line and a new required
// variable. Written inside the package so their import of zod resolves.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import type { AnyPromptModule } from '../src/index.js';

const fixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const root = path.resolve(import.meta.dirname, '.generated');

function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

export async function buildVersions(): Promise<{ v1: AnyPromptModule; v2: AnyPromptModule; other: AnyPromptModule }> {
  rmSync(root, { recursive: true, force: true });
  const make = (name: string, version: string, changes: (dir: string) => void) => {
    const dir = path.join(root, name, 'order-help');
    mkdirSync(path.dirname(dir), { recursive: true });
    cpSync(fixture, dir, { recursive: true });
    edit(path.join(dir, 'package.json'), (text) => text.replace('"version": "1.0.0"', `"version": "${version}"`));
    changes(dir);
    const result = buildPrompt(dir);
    if (!result.success) throw new Error(`fixture ${name} failed to build: ${JSON.stringify(result.diagnostics)}`);
    return import(pathToFileURL(path.join(dir, 'dist/index.js')).href) as Promise<AnyPromptModule>;
  };
  const v1 = await make('v1', '1.0.0', () => {});
  const v2 = await make('v2', '1.1.0', (dir) => {
    edit(path.join(dir, 'policy.md'), (text) => `${text}Always mention the {{channel}} channel.\n`);
    edit(path.join(dir, 'prompt.yaml'), (text) =>
      text.replace('  required: [shop, customer, orders, question]', '    channel:\n      type: string\n      enum: [email, chat]\n  required: [shop, customer, orders, question, channel]'),
    );
    edit(path.join(dir, 'evals.yaml'), (text) => text.replaceAll('      shop: Acme\n', '      shop: Acme\n      channel: chat\n'));
  });
  const other = await make('other', '2.0.0', (dir) => {
    edit(path.join(dir, 'package.json'), (text) => text.replace('@acme/prompt-order-help', '@other/prompt-order-help'));
  });
  return { v1, v2, other };
}

export const variables = {
  shop: 'Acme',
  channel: 'chat' as const,
  customer: { name: 'Ada', tier: 'pro' as const },
  orders: [{ id: 'A-1', total: 12.5 }],
  question: 'Where is A-1?',
};

/** What 1.0.0 alone accepts (no `channel`). */
export const stableVariables = (({ channel: _channel, ...rest }) => rest)(variables);
