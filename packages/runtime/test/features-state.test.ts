import { expect, test } from 'vitest';
import type { FlagContext } from '../src/flag-source.js';
import { FeaturesState } from '../src/features-state.js';
import type { EvaluationContext } from '../src/unleash-evaluation/evaluation-context.js';
import type { FeaturesDocument } from '../src/unleash-evaluation/feature-document.js';
import { createFeaturesEvaluator } from '../src/unleash-evaluation/features-evaluator.js';

// Canary 1.1.0 for the user named "outer" (an override), 1.0.0 for everyone else, in region eu only.
const document = {
  version: 2,
  features: [
    {
      name: 'prompt.x',
      enabled: true,
      strategies: [
        {
          name: 'default',
          constraints: [{ contextName: 'region', operator: 'IN', values: ['eu'] }],
          variants: [
            { name: '1.0.0', weight: 1000, stickiness: 'default', weightType: 'variable' },
            { name: '1.1.0', weight: 0, stickiness: 'default', weightType: 'fix', overrides: [{ contextName: 'userId', values: ['outer'] }] },
          ],
        },
      ],
    },
  ],
} as unknown as FeaturesDocument;

function state(): FeaturesState {
  const flags = new FeaturesState({ appName: 'test', environment: 'default', onError: (error) => { throw error; } });
  flags.replace(document);
  return flags;
}

test('one request leaves nothing behind for the next: every field is its own', () => {
  const flags = state();
  expect(flags.evaluate('prompt.x', { userId: 'outer', properties: { region: 'eu' } })).toMatchObject({ status: 'variant', variant: '1.1.0' });
  expect(flags.evaluate('prompt.x', {})).toEqual({ status: 'disabled' });
  expect(flags.evaluate('prompt.x', { properties: { region: 'eu' } })).toMatchObject({ status: 'variant', variant: '1.0.0' });
  expect(flags.evaluate('prompt.x', { tenantId: 'acme', properties: { region: 'eu' } })).toMatchObject({ status: 'variant', variant: '1.0.0' });
});

test('an evaluation started inside another (a context value whose toString evaluates) does not change the outer one', () => {
  const flags = state();
  let inner: unknown;
  const region = {
    toString() {
      inner = flags.evaluate('prompt.x', { userId: 'inner', properties: { region: 'eu' } });
      return 'eu';
    },
  };
  const outer = flags.evaluate('prompt.x', { userId: 'outer', properties: { region } } as unknown as FlagContext);
  expect(inner).toMatchObject({ status: 'variant', variant: '1.0.0' });
  expect(outer).toMatchObject({ status: 'variant', variant: '1.1.0' });
});

test('unleash-client gets a copy of the context, which it may keep', () => {
  const seen: EvaluationContext[] = [];
  const custom = { version: 2, features: [{ name: 'prompt.y', enabled: true, strategies: [{ name: 'my-own-strategy', parameters: {} }] }] } as unknown as FeaturesDocument;
  const evaluator = createFeaturesEvaluator(custom, () => ({
    evaluate: (_flag, context) => {
      seen.push(context);
      return { featureEnabled: true, exists: true, variant: undefined };
    },
    close: () => {},
  }));
  const context: EvaluationContext = { userId: 'u1', properties: { region: 'eu' } };
  evaluator.evaluate('prompt.y', context);
  context.userId = 'u2';
  context.properties!.region = 'us';
  expect(seen).toEqual([{ userId: 'u1', properties: { region: 'eu' } }]);
});
