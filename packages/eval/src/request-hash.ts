import { createHash } from 'node:crypto';
import type { ProviderRequest } from './provider.js';

/**
 * `sha256:<hex>` of the request's canonical JSON: object keys sorted at every
 * level, undefined dropped, only the fields a provider sends. Two requests a
 * model would see as the same hash the same, whatever order built them.
 */
export function requestHash(request: ProviderRequest): string {
  const sent: ProviderRequest = {
    model: request.model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    topP: request.topP,
    seed: request.seed,
    stop: request.stop,
    jsonSchema: request.jsonSchema,
  };
  return `sha256:${createHash('sha256').update(canonicalJson(sent), 'utf8').digest('hex')}`;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
  }
  return value;
}
