import { sha256 } from '@promptpack/core';
import { canonicalJson } from '@promptpack/spec';
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
    // Undefined without tools, so a recording made before tools existed keeps its hash.
    tools: request.tools?.map(({ name, description, parameters, strict }) => ({ name, description, parameters, strict })),
  };
  return sha256(canonicalJson(sent));
}
