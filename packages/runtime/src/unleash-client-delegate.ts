import { createRequire } from 'node:module';
import type { FeaturesDocument } from './unleash-evaluation/feature-document.js';
import type { DelegateEvaluation } from './unleash-evaluation/features-evaluator.js';
import { FeaturesRepository } from './features-repository.js';

type UnleashModule = typeof import('unleash-client');

// Loaded on first use, synchronously (unleash-client is CommonJS): a service
// whose flags use only what promptpack evaluates never pays its ~250 ms import.
let unleashModule: UnleashModule | undefined;
export function loadUnleashClient(): UnleashModule {
  unleashModule ??= createRequire(import.meta.url)('unleash-client') as UnleashModule;
  return unleashModule;
}

/**
 * unleash-client evaluating a document we hold, offline: for the flags that
 * use a strategy, operator or segment promptpack leaves to the SDK (REGEX,
 * IN_CIDR, SEMVER_*, remoteAddress, custom strategies).
 */
export function unleashClientDelegate(document: FeaturesDocument, options: { onError?: (error: Error) => void } = {}): DelegateEvaluation {
  const { Unleash } = loadUnleashClient();
  const unleash = new Unleash({
    appName: 'promptpack',
    // Never contacted: the repository holds the data.
    url: 'http://127.0.0.1/promptpack-offline',
    repository: new FeaturesRepository(document as never) as never,
    disableMetrics: true,
    skipInstanceCountWarning: true,
    // Auto-start waits a tick; started by hand so the first request already sees the data.
    disableAutoStart: true,
  });
  unleash.on('error', options.onError ?? (() => {}));
  unleash.start().catch(options.onError ?? (() => {}));
  return {
    evaluate(flag, context) {
      const variant = unleash.getVariant(flag, context as never);
      const featureEnabled = variant.feature_enabled === true;
      return {
        featureEnabled,
        exists: unleash.getFeatureToggleDefinition(flag) !== undefined,
        variant: variant.enabled ? { name: variant.name, payload: variant.payload as never } : undefined,
      };
    },
    close: () => unleash.destroy(),
  };
}
