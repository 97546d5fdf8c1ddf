import type { Unleash } from 'unleash-client';
import type { FlagContext, FlagDecision } from './flag-source.js';

// Payload parsing runs per request; the same few payload strings repeat, so remember them.
const payloadVersions = new Map<string, string | undefined>();

/**
 * One flag evaluation through unleash-client, turned into a decision. A
 * variant's payload may name the version (`{"version":"1.5.0"}` as JSON, or
 * the plain string); otherwise the variant's name is the version.
 */
export function unleashDecision(unleash: Unleash, flag: string, context: FlagContext, ready: boolean): FlagDecision {
  if (!ready) return { status: 'not-ready' };
  if (!unleash.getFeatureToggleDefinition(flag)) return { status: 'missing' };
  const variant = unleash.getVariant(flag, toUnleashContext(context));
  if (!variant.feature_enabled) return { status: 'disabled' };
  if (!variant.enabled) return { status: 'no-variant' };
  return { status: 'variant', variant: variant.name, version: payloadVersion(variant.payload) };
}

function toUnleashContext(context: FlagContext) {
  const { userId, sessionId, remoteAddress, tenantId, properties } = context;
  // tenantId is not a standard Unleash field: it travels as a custom
  // property, so strategies can use it in constraints and as stickiness.
  return { userId, sessionId, remoteAddress, properties: tenantId === undefined ? properties : { ...properties, tenantId } };
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
