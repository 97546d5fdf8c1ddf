import { describe, expectTypeOf, it } from 'vitest';
import { createPromptRuntime, staticFlags } from '../src/index.js';

// Two versions as their generated .d.ts declare them: 1.1.0 adds a required
// variable and widens an enum.
interface Manifest<Version extends string> {
  readonly id: 'order-help';
  readonly name: '@acme/prompt-order-help';
  readonly version: Version;
  readonly contentHash: string;
  readonly variables: unknown;
}
declare const v1: {
  render(variables: { question: string; tier: 'free' | 'pro' }): { messages: { role: string; content: string }[]; meta: { version: '1.0.0' } };
  manifest: Manifest<'1.0.0'>;
};
declare const v2: {
  render(variables: { question: string; tier: 'free' | 'pro' | 'team'; channel: 'email' | 'chat' }): { messages: { role: string; content: string }[]; meta: { version: '1.1.0' } };
  manifest: Manifest<'1.1.0'>;
};

const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: staticFlags({}) });

describe('runtime.render types', () => {
  it('accepts variables every installed version accepts', () => {
    runtime.render('order-help', { question: 'q', tier: 'pro', channel: 'chat' }, { userId: 'u' });
  });

  it('rejects a call that fits only one version', () => {
    // @ts-expect-error fits 1.0.0 only: 1.1.0 requires channel
    runtime.render('order-help', { question: 'q', tier: 'pro' });
    // @ts-expect-error 'team' fits 1.1.0 only
    runtime.render('order-help', { question: 'q', tier: 'team', channel: 'chat' });
  });

  it('rejects an unknown prompt id and a misspelt variable', () => {
    // @ts-expect-error not an installed prompt
    runtime.render('order-hepl', { question: 'q', tier: 'pro', channel: 'chat' });
    // @ts-expect-error questoin is not a variable
    runtime.render('order-help', { questoin: 'q', tier: 'pro', channel: 'chat' });
  });

  it('returns either version, with the runtime meta added', () => {
    const result = runtime.render('order-help', { question: 'q', tier: 'pro', channel: 'chat' });
    expectTypeOf(result.meta.version).toEqualTypeOf<string & ('1.0.0' | '1.1.0')>();
    expectTypeOf(result.meta.reason).toEqualTypeOf<'flag-variant' | 'flag-disabled' | 'flag-missing' | 'flag-no-variant' | 'unknown-version' | 'source-not-ready' | 'source-error'>();
    expectTypeOf(result.messages).toEqualTypeOf<{ role: string; content: string }[]>();
  });
});

// A version built with `history:` in its prompt.yaml takes render(variables, { history }).
interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}
declare const chat: {
  render(variables: { question: string; tier: 'free' | 'pro' }, options?: { history?: readonly HistoryTurn[] }): { messages: { role: string; content: string }[]; meta: { version: '1.2.0' } };
  manifest: Manifest<'1.2.0'>;
};

describe('runtime.render history types', () => {
  const withHistory = createPromptRuntime({ prompts: { 'order-help': { stable: chat } }, flags: staticFlags({}) });
  const mixed = createPromptRuntime({ prompts: { 'order-help': { stable: chat, candidates: [v1] } }, flags: staticFlags({}) });

  it('passes typed turns when every installed version takes history', () => {
    withHistory.render('order-help', { question: 'q', tier: 'pro' }, {}, { history: [{ role: 'user', content: 'hi' }] });
    void withHistory.renderAsync('order-help', { question: 'q', tier: 'pro' }, {}, { history: [] });
    // @ts-expect-error -- a system turn is not a history turn
    withHistory.render('order-help', { question: 'q', tier: 'pro' }, {}, { history: [{ role: 'system', content: 'hi' }] });
  });

  it('rejects history when one installed version takes none', () => {
    // @ts-expect-error -- 1.0.0 declares no history, and the flag may serve it
    mixed.render('order-help', { question: 'q', tier: 'pro' }, {}, { history: [{ role: 'user', content: 'hi' }] });
    // @ts-expect-error -- nor for a prompt without history at all
    runtime.render('order-help', { question: 'q', tier: 'pro', channel: 'chat' }, {}, { history: [] });
    mixed.render('order-help', { question: 'q', tier: 'pro' });
  });
});
