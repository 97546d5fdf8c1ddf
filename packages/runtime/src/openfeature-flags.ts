import type { FlagContext, FlagDecision, FlagSource, FlagSourceEvent } from './flag-source.js';
import { Subscribers } from './subscribers.js';

/** The slice of an OpenFeature server client (`OpenFeature.getClient()`) this source uses. */
export interface OpenFeatureClient {
  getStringDetails(
    flagKey: string,
    defaultValue: string,
    context?: Record<string, unknown>,
  ): Promise<{ value: string; variant?: string; reason?: string; errorCode?: string; errorMessage?: string }>;
}

// Returned by the provider when it has no value for this request.
const noValue = '';

/**
 * Flags from any OpenFeature server provider (LaunchDarkly, Flagsmith,
 * flagd, ...): the flag's string value is the version. OpenFeature
 * evaluation is asynchronous, so use runtime.renderAsync() with this source;
 * a synchronous render() serves stable and warns once.
 */
export function openFeatureFlags(client: OpenFeatureClient): FlagSource {
  const subscribers = new Subscribers('openfeature');
  return {
    name: 'openfeature',
    evaluate(): FlagDecision {
      return { status: 'error', message: 'openFeatureFlags evaluates asynchronously; call runtime.renderAsync() instead of render()' };
    },
    async evaluateAsync(flag: string, context: FlagContext): Promise<FlagDecision> {
      const details = await client.getStringDetails(flag, noValue, toEvaluationContext(context));
      switch (details.errorCode) {
        case undefined:
          break;
        case 'FLAG_NOT_FOUND':
          return { status: 'missing' };
        case 'PROVIDER_NOT_READY':
          return { status: 'not-ready' };
        default:
          return { status: 'error', message: `${details.errorCode}${details.errorMessage ? `: ${details.errorMessage}` : ''}` };
      }
      if (details.reason === 'DISABLED') return { status: 'disabled' };
      if (details.value === noValue) return { status: 'no-variant' };
      return { status: 'variant', variant: details.variant ?? details.value, version: details.value };
    },
    subscribe: (listener: (event: FlagSourceEvent) => void) => subscribers.add(listener),
    close: async () => {},
  };
}

function toEvaluationContext(context: FlagContext): Record<string, unknown> {
  const { userId, sessionId, tenantId, remoteAddress, properties } = context;
  // OpenFeature's targeting key drives stickiness in every provider.
  const targetingKey = userId ?? sessionId ?? tenantId;
  return { ...properties, ...(targetingKey === undefined ? {} : { targetingKey }), userId, sessionId, tenantId, remoteAddress };
}
