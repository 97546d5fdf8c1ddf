// Chat history through runtime.render: real versions of the core fixture,
// one built with `history: {}` in its prompt.yaml and one without.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPrompt } from '@promptpack/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptRuntime, PromptRuntimeError, staticFlags, type AnyPromptModule } from '../src/index.js';
import { stableVariables } from './versions.js';

const fixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const root = path.resolve(import.meta.dirname, '.generated-history');

async function build(name: string, version: string, history: boolean): Promise<AnyPromptModule> {
  const dir = path.join(root, name, 'order-help');
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(fixture, dir, { recursive: true });
  const packageJson = path.join(dir, 'package.json');
  writeFileSync(packageJson, readFileSync(packageJson, 'utf8').replace('"version": "1.0.0"', `"version": "${version}"`));
  if (history) writeFileSync(path.join(dir, 'prompt.yaml'), `${readFileSync(path.join(dir, 'prompt.yaml'), 'utf8')}history: { maxTurns: 2 }\n`);
  const result = buildPrompt(dir);
  if (!result.success) throw new Error(`fixture ${name} failed to build: ${JSON.stringify(result.diagnostics)}`);
  return import(pathToFileURL(path.join(dir, 'dist/index.js')).href) as Promise<AnyPromptModule>;
}

interface Rendered {
  messages: Array<{ role: string; content: string }>;
  meta: Record<string, unknown>;
}

/** A version built with `history:`, as its generated index.d.ts declares render(). */
type ChatModule = Omit<AnyPromptModule, 'render'> & {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each version's own variables, as AnyPromptModule has them
  render(variables: any, options?: { history?: ReadonlyArray<{ role: 'user' | 'assistant'; content: string }> }): Rendered;
};

let plain: AnyPromptModule;
let chat: ChatModule;
beforeAll(async () => {
  rmSync(root, { recursive: true, force: true });
  plain = await build('plain', '1.0.0', false);
  chat = (await build('chat', '1.1.0', true)) as ChatModule;
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const history = [
  { role: 'user' as const, content: 'Hi, I have a question about {{orders}}.' },
  { role: 'assistant' as const, content: 'Sure, ask away.' },
];

describe('runtime.render with history', () => {
  it('passes the turns to the served version, placed before the new user message and never interpolated', async () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: chat } }, flags: staticFlags({}) });
    const result = runtime.render('order-help', stableVariables, {}, { history });
    expect(result.messages.slice(-3, -1)).toEqual(history);
    expect(result.messages.at(-1)?.role).toBe('user');
    expect(result.meta).toMatchObject({ id: 'order-help', version: '1.1.0', reason: 'flag-missing' });
    const asynchronous = await runtime.renderAsync('order-help', stableVariables, {}, { history });
    expect(asynchronous.messages).toEqual(result.messages);
    await runtime.close();
  });

  it("throws the package's own history error for turns its limits refuse", async () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: chat } }, flags: staticFlags({}) });
    expect(() => runtime.render('order-help', stableVariables, {}, { history: [...history, ...history] })).toThrow(/history: expected at most 2 turns, received 4/);
    await runtime.close();
  });

  it('refuses history for a version whose manifest declares none, whatever that package does with a second argument', async () => {
    // A package built before chat history existed: its render() ignores a second argument.
    const older = { ...plain, render: (variables: unknown) => plain.render(variables) };
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: older } }, flags: staticFlags({}) });
    let caught: unknown;
    try {
      runtime.render('order-help', stableVariables, {}, { history } as never);
    } catch (error) {
      caught = error;
    }
    expect(PromptRuntimeError.isInstance(caught) && caught.code).toBe('runtime/history-unsupported');
    expect((caught as Error).message).toContain('Prompt "order-help" version 1.0.0 takes no chat history');
    // Without history, it renders as always.
    expect(runtime.render('order-help', stableVariables)).toMatchObject({ meta: { version: '1.0.0' } });
    await runtime.close();
  });
});
