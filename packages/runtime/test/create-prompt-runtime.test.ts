import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPromptRuntime, PromptRuntimeError, staticFlags, type AnyPromptModule, type FlagSource, type RuntimeWarning } from '../src/index.js';
import { buildVersions, stableVariables, variables } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
let other: AnyPromptModule;
beforeAll(async () => {
  ({ v1, v2, other } = await buildVersions());
});

const messages = (result: { messages: Array<{ content: string }> }) => result.messages.map((message) => message.content).join('\n');

describe('resolution through a flag', () => {
  it('serves the version the flag names, with meta saying why', () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: staticFlags({ 'prompt.order-help': '1.1.0' }) });
    const result = runtime.render('order-help', variables, { userId: 'u1' });
    expect(result.meta).toMatchObject({ id: 'order-help', version: '1.1.0', variant: '1.1.0', reason: 'flag-variant', flag: 'prompt.order-help', contentHash: v2.manifest.contentHash });
    expect(messages(result)).toContain('Always mention the chat channel.');
  });

  it.each([
    ['disabled flag', { 'prompt.order-help': false as const }, 'flag-disabled'],
    ['missing flag', {}, 'flag-missing'],
    ['variant naming a version that is not installed', { 'prompt.order-help': '9.9.9' }, 'unknown-version'],
  ])('serves stable for a %s', (_name, flags, reason) => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: staticFlags(flags) });
    const result = runtime.render('order-help', variables);
    expect(result.meta).toMatchObject({ version: '1.0.0', reason });
    expect(messages(result)).not.toContain('channel');
  });

  it('serves stable when the flag source throws, and never throws itself', () => {
    const broken: FlagSource = { name: 'broken', evaluate: () => { throw new Error('boom'); }, subscribe: () => () => {}, close: async () => {} };
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: broken });
    expect(runtime.render('order-help', variables).meta).toMatchObject({ version: '1.0.0', reason: 'source-error' });
  });

  it('uses the configured flag prefix', () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: staticFlags({ 'prompts/order-help': '1.1.0' }), flagPrefix: 'prompts/' });
    expect(runtime.resolve('order-help').version).toBe('1.1.0');
  });

  it('projects variables onto each version: the stable version ignores a variable only the candidate declares', () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: staticFlags({ 'prompt.order-help': false }) });
    expect(() => runtime.render('order-help', variables)).not.toThrow();
  });

  it('still throws the package error for invalid variables, listing the path', () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1 } }, flags: staticFlags({}) });
    expect(() => runtime.render('order-help', { ...stableVariables, customer: { name: 'Ada', tier: 'gold' } } as never)).toThrow(/customer\.tier/);
  });
});

describe('events', () => {
  it('emits one resolution event per render and each warning once', () => {
    const resolved = vi.fn();
    const warnings: RuntimeWarning[] = [];
    const runtime = createPromptRuntime({
      prompts: { 'order-help': { stable: v1, candidates: [v2] } },
      flags: staticFlags({ 'prompt.order-help': '3.0.0' }),
      onResolve: resolved,
      onWarning: (warning) => warnings.push(warning),
    });
    for (let index = 0; index < 5; index += 1) runtime.render('order-help', variables, { userId: `u${index}` });
    expect(resolved).toHaveBeenCalledTimes(5);
    expect(resolved.mock.calls[0]![0]).toEqual({ id: 'order-help', flag: 'prompt.order-help', version: '1.0.0', variant: '3.0.0', reason: 'unknown-version', contentHash: v1.manifest.contentHash, fallback: true });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'unknown-version', flag: 'prompt.order-help' });
    expect(warnings[0]!.message).toMatch(/names version "3\.0\.0", which is not installed \(installed: 1\.0\.0, 1\.1\.0\)/);
  });

  it('keeps serving when a listener throws', () => {
    const runtime = createPromptRuntime({
      prompts: { 'order-help': { stable: v1 } },
      flags: staticFlags({}),
      onResolve: () => { throw new Error('logger down'); },
      onWarning: () => { throw new Error('logger down'); },
    });
    expect(runtime.render('order-help', stableVariables).meta.version).toBe('1.0.0');
  });

  it('sets promptpack.* attributes on the active OpenTelemetry span', () => {
    const attributes: Record<string, string>[] = [];
    const opentelemetry = { trace: { getActiveSpan: () => ({ setAttributes: (value: Record<string, string>) => attributes.push(value) }) } };
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: staticFlags({ 'prompt.order-help': '1.1.0' }), opentelemetry });
    runtime.render('order-help', variables);
    expect(attributes).toEqual([
      {
        'promptpack.prompt.id': 'order-help',
        'promptpack.prompt.version': '1.1.0',
        'promptpack.prompt.content_hash': v2.manifest.contentHash,
        'promptpack.flag.name': 'prompt.order-help',
        'promptpack.flag.variant': '1.1.0',
        'promptpack.resolution.reason': 'flag-variant',
      },
    ]);
  });
});

describe('configuration errors, at construction', () => {
  const build = (entry: { stable: AnyPromptModule; candidates?: AnyPromptModule[] }) => () => createPromptRuntime({ prompts: { 'order-help': entry }, flags: staticFlags({}) });

  it('rejects versions from another package', () => {
    expect(build({ stable: v1, candidates: [other] })).toThrow(/candidates\[0\] is package @other\/prompt-order-help, but the stable version is @acme\/prompt-order-help/);
  });

  it('rejects the same version twice', () => {
    expect(build({ stable: v1, candidates: [v1] })).toThrow(/repeats version 1\.0\.0/);
  });

  it('rejects a module that is not a prompt package', () => {
    expect(build({ stable: {} as AnyPromptModule })).toThrow(PromptRuntimeError);
  });

  it('rejects versions whose variables conflict', () => {
    const conflicting = { ...v2, manifest: { ...v2.manifest, version: '1.2.0', variables: { type: 'object', properties: { shop: { type: 'number' } } } } };
    expect(build({ stable: v1, candidates: [conflicting] })).toThrow(/disagree on variable "shop": string in one, number in the other/);
  });

  it('names the installed prompts for an unknown id', () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1 } }, flags: staticFlags({}) });
    expect(() => runtime.render('nope' as never, variables)).toThrow(/Unknown prompt "nope"[\s\S]*Installed prompts: order-help/);
  });
});
