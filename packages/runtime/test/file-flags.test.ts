import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptRuntime, fileFlags, type AnyPromptModule, type FlagSource, type FlagSourceEvent } from '../src/index.js';
import { canaryFeatures } from './flags-file.js';
import { buildVersions, variables } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-'));
beforeAll(async () => {
  ({ v1, v2 } = await buildVersions());
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
function flagsFile(contents: unknown): string {
  const file = path.join(scratch, `flags-${counter++}.json`);
  writeFileSync(file, typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2));
  return file;
}

/** Resolves with the next event of the given type: waiting on the event, never on a clock. */
function nextEvent(source: FlagSource, type: FlagSourceEvent['type']): Promise<FlagSourceEvent> {
  return new Promise((resolve) => {
    let done = false;
    // A source replays its current failure inside subscribe(), so the
    // listener may run before subscribe() has returned.
    const unsubscribe = source.subscribe((event) => {
      if (event.type !== type || done) return;
      done = true;
      resolve(event);
      queueMicrotask(() => unsubscribe());
    });
  });
}

const canary = (percent: number, extra: object = {}) => canaryFeatures({ flag: 'prompt.order-help', stable: '1.0.0', canary: '1.1.0', percent, ...extra });

describe('fileFlags', () => {
  it('splits 20,000 distinct users 90/10 within 1.5 points, from the first request', async () => {
    const flags = fileFlags(flagsFile(canary(10)), { pollInterval: 0 });
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags });
    let onCanary = 0;
    for (let index = 0; index < 20_000; index += 1) if (runtime.resolve('order-help', { userId: `user-${index}` }).version === '1.1.0') onCanary += 1;
    expect(onCanary / 20_000).toBeGreaterThan(0.085);
    expect(onCanary / 20_000).toBeLessThan(0.115);
    await runtime.close();
  });

  it('keeps each user on one version across runtime instances (sticky on userId)', async () => {
    const file = flagsFile(canary(50));
    const first = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: fileFlags(file, { pollInterval: 0 }) });
    const second = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: fileFlags(file, { pollInterval: 0 }) });
    const users = Array.from({ length: 200 }, (_, index) => `sticky-${index}`);
    const versions = users.map((userId) => first.resolve('order-help', { userId }).version);
    expect(new Set(versions)).toEqual(new Set(['1.0.0', '1.1.0']));
    expect(users.map((userId) => second.resolve('order-help', { userId }).version)).toEqual(versions);
    expect(users.map((userId) => first.resolve('order-help', { userId }).version)).toEqual(versions);
    await first.close();
    await second.close();
  });

  it('reads the version from a variant payload when there is one', async () => {
    const features = canary(100, { payload: true });
    features.features[0]!.strategies[0]!.variants[1]!.name = 'canary';
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: fileFlags(flagsFile(features), { pollInterval: 0 }) });
    expect(runtime.resolve('order-help', { userId: 'u' })).toMatchObject({ version: '1.1.0', variant: 'canary', reason: 'flag-variant' });
    await runtime.close();
  });

  it('applies an edit without a restart: rollback to 0% moves everyone to stable', async () => {
    const file = flagsFile(canary(100));
    const flags = fileFlags(file, { pollInterval: 10 });
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags });
    expect(runtime.render('order-help', variables, { userId: 'u1' }).meta.version).toBe('1.1.0');
    const changed = nextEvent(flags, 'changed');
    writeFileSync(file, JSON.stringify(canary(0, { enabled: false })));
    await changed;
    expect(runtime.render('order-help', variables, { userId: 'u1' }).meta).toMatchObject({ version: '1.0.0', reason: 'flag-disabled' });
    await runtime.close();
  });

  it('keeps the last good flags when an edit breaks the file, and says where', async () => {
    const file = flagsFile(canary(100));
    const flags = fileFlags(file, { pollInterval: 10 });
    const warnings: string[] = [];
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags, onWarning: (warning) => warnings.push(warning.message) });
    const failed = nextEvent(flags, 'error');
    writeFileSync(file, '{\n  "version": 2,\n  "features": [,]\n}\n');
    const event = await failed;
    expect(event.message).toMatch(new RegExp(`${path.basename(file)}:3:\\d+ is not valid JSON`));
    expect(event.message).toMatch(/previous flags stay in effect/);
    expect(runtime.resolve('order-help', { userId: 'u1' }).version).toBe('1.1.0');
    expect(warnings.some((message) => message.includes('not valid JSON'))).toBe(true);
    await runtime.close();
  });

  it('names the broken field of a file that is JSON but not client-features', async () => {
    const flags = fileFlags(flagsFile({ version: 2, features: [{ name: 'prompt.order-help', enabled: 'yes' }] }), { pollInterval: 0 });
    const event = await nextEvent(flags, 'error');
    expect(event.message).toMatch(/features\[0\] \("prompt\.order-help"\)\.enabled must be true or false/);
    await flags.close();
  });

  it('serves stable while the file is missing, then follows it once it appears', async () => {
    const file = path.join(scratch, 'later.json');
    const flags = fileFlags(file, { pollInterval: 10 });
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags });
    expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.0.0', reason: 'source-not-ready' });
    const ready = nextEvent(flags, 'ready');
    writeFileSync(file, JSON.stringify(canary(100)));
    await ready;
    expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
    await runtime.close();
  });
});
