import type { Unleash } from 'unleash-client';
import type { FlagContext, FlagDecision } from './flag-source.js';

// Payload parsing runs per request; the same few payload strings repeat, so remember them.
const payloadVersions = new Map<string, string | undefined>();

interface VariantResult {
  name: string;
  enabled: boolean;
  feature_enabled?: boolean;
  payload?: { type: string; value: string };
}

/** The synchronous evaluation call for one Unleash instance, bound once. */
export type Evaluate = (flag: string, context: Record<string, unknown>) => VariantResult;

/**
 * unleash-client's evaluator. The public `unleash.getVariant` copies its
 * static context into every call and counts metrics even when they are off;
 * when metrics are not wanted we call the client inside it directly (the same
 * evaluation: strategies, constraints, stickiness, variants) and merge the
 * static context once, in `toUnleashContext`. Falls back to the public
 * method if a future unleash-client moves that field.
 */
export function evaluator(unleash: Unleash, options: { countMetrics: boolean }): Evaluate {
  const viaPublicApi: Evaluate = (flag, context) => unleash.getVariant(flag, context as never);
  // Usage metrics (variant counts in the Unleash UI) are counted by the public method only.
  if (options.countMetrics) return viaPublicApi;
  const client = (unleash as unknown as { client?: { getVariant?: Evaluate } }).client;
  return client && typeof client.getVariant === 'function' ? client.getVariant.bind(client) : viaPublicApi;
}

/**
 * One flag evaluation, turned into a decision. A variant's payload may name
 * the version (`{"version":"1.5.0"}` as JSON, or the plain string);
 * otherwise the variant's name is the version.
 */
export function unleashDecision(unleash: Unleash, evaluate: Evaluate, flag: string, context: Record<string, unknown>, ready: boolean): FlagDecision {
  if (!ready) return { status: 'not-ready' };
  if (!unleash.getFeatureToggleDefinition(flag)) return { status: 'missing' };
  const variant = evaluate(flag, context);
  if (!variant.feature_enabled) return { status: 'disabled' };
  if (!variant.enabled) return { status: 'no-variant' };
  return { status: 'variant', variant: variant.name, version: payloadVersion(variant.payload) };
}

/** Our context as Unleash's, with the static fields (appName, environment) merged in. */
export function toUnleashContext(context: FlagContext, staticContext: { appName: string; environment: string }): Record<string, unknown> {
  const { userId, sessionId, remoteAddress, tenantId, properties } = context;
  return {
    appName: staticContext.appName,
    environment: staticContext.environment,
    userId,
    sessionId,
    remoteAddress,
    // tenantId is not a standard Unleash field: it travels as a custom
    // property, so strategies can use it in constraints and as stickiness.
    properties: tenantId === undefined ? properties : { ...properties, tenantId },
  };
}

function payloadVersion(payload: { type: string; value: string } | undefined): string | undefined {
  if (!payload) return undefined;
  const key = `${payload.type}\u0000${payload.value}`;
  if (payloadVersions.has(key)) return payloadVersions.get(key);
  let version: string | undefined;
  if (payload.type === 'json') {
    try {
      const parsed = JSON.parse(payload.value) as { version?: unknown };
      version = typeof parsed.version === 'string' ? parsed.version : undefined;
    } catch {
      version = undefined;
    }
  } else if (payload.type === 'string') {
    version = payload.value.trim() || undefined;
  }
  if (payloadVersions.size < 1000) payloadVersions.set(key, version);
  return version;
}
