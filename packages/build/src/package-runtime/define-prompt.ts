import type { DefinedPrompt, PromptDefinition } from './prompt-definition.js';
import { createLastPolicy } from './last-policy.js';
import { createTextCache } from './text-cache.js';

// Bounded by count and size, because the remembered values come from callers.
const policyCacheEntries = 256;
const policyCacheCharacters = 4 * 1024 * 1024;

/** The prompt the render and parse functions take: its definition and a fresh memory of system messages. */
export function definePrompt(definition: PromptDefinition): DefinedPrompt {
  return { ...definition, policyCache: createTextCache(policyCacheEntries, policyCacheCharacters), lastPolicy: createLastPolicy() };
}
