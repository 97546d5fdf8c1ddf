import { Unleash, type ClientFeaturesResponse } from 'unleash-client';
import { FeaturesRepository } from './features-repository.js';

export interface OfflineUnleash {
  unleash: Unleash;
  replace(data: ClientFeaturesResponse): void;
  destroy(): void;
}

/**
 * unleash-client evaluating flags we hold in memory: no network, no timers,
 * ready before the constructor returns.
 */
export function createOfflineUnleash(data: ClientFeaturesResponse, options: { appName?: string; environment?: string; onError: (error: Error) => void }): OfflineUnleash {
  const repository = new FeaturesRepository(data);
  const unleash = new Unleash({
    appName: options.appName ?? 'promptpack',
    environment: options.environment,
    // Never contacted: the repository holds the data.
    url: 'http://127.0.0.1/promptpack-offline',
    repository: repository as never,
    disableMetrics: true,
    skipInstanceCountWarning: true,
    // Auto-start waits a tick; started by hand so the first request already sees the data.
    disableAutoStart: true,
  });
  unleash.on('error', options.onError);
  unleash.start().catch(options.onError);
  return { unleash, replace: (next) => repository.replace(next), destroy: () => unleash.destroy() };
}
