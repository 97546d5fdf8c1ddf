import { InMemoryProvider, OpenFeature } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptRuntime, openFeatureFlags, type AnyPromptModule, type RuntimeWarning } from '../src/index.js';
import { buildVersions, variables } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
beforeAll(async () => {
  ({ v1, v2 } = await buildVersions());
  // OpenFeature's own in-memory provider: a real provider, driven through the real SDK.
  await OpenFeature.setProviderAndWait(
    new InMemoryProvider({
      'prompt.order-help': {
        variants: { stable: '1.0.0', canary: '1.1.0' },
        defaultVariant: 'stable',
        disabled: false,
        // Tenant "beta" is on the canary.
        contextEvaluator: (context) => (context.tenantId === 'beta' ? 'canary' : 'stable'),
      },
      'off.order-help': { variants: { on: '1.1.0' }, defaultVariant: 'on', disabled: true },
    }),
  );
});
afterAll(() => OpenFeature.close());

describe('openFeatureFlags', () => {
  const runtime = () =>
    createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: openFeatureFlags(OpenFeature.getClient()) });

  it('serves the version the provider returns, per context', async () => {
    const serve = runtime();
    expect((await serve.renderAsync('order-help', variables, { tenantId: 'beta', userId: 'u' })).meta).toMatchObject({ version: '1.1.0', variant: 'canary', reason: 'flag-variant' });
    expect((await serve.renderAsync('order-help', variables, { tenantId: 'acme', userId: 'u' })).meta).toMatchObject({ version: '1.0.0', variant: 'stable', reason: 'flag-variant' });
  });

  it('serves stable for a flag the provider does not know, or has disabled', async () => {
    const missing = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: openFeatureFlags(OpenFeature.getClient()), flagPrefix: 'nope.' });
    expect((await missing.resolveAsync('order-help', { userId: 'u' })).reason).toBe('flag-missing');
    const disabled = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: openFeatureFlags(OpenFeature.getClient()), flagPrefix: 'off.' });
    expect(await disabled.resolveAsync('order-help', { userId: 'u' })).toMatchObject({ version: '1.0.0', reason: 'flag-disabled' });
  });

  it('tells a caller of the synchronous render() to use renderAsync(), once, and serves stable', () => {
    const warnings: RuntimeWarning[] = [];
    const serve = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: openFeatureFlags(OpenFeature.getClient()), onWarning: (warning) => warnings.push(warning) });
    expect(serve.render('order-help', variables, { tenantId: 'beta' }).meta).toMatchObject({ version: '1.0.0', reason: 'source-error' });
    serve.render('order-help', variables, { tenantId: 'beta' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/renderAsync/);
  });
});
