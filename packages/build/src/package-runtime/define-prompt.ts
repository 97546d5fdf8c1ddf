import type { DefinedPrompt, PromptDefinition } from './prompt-definition.js';

/** The prompt the render and parse functions take: its definition and a fresh cache of system messages. */
export function definePrompt(definition: PromptDefinition): DefinedPrompt {
  return { ...definition, policyCache: new Map() };
}
