import type { LoadedPrompt } from '../loaded-prompt.js';
import { effectivePolicy } from '../shared/effective-policy.js';
import { includedSectionNames } from '../shared/find-includes.js';

/**
 * The policy as the model sees it (shared sections inlined): what legal
 * reviews, hashes and approves. The one place the diff asks for it.
 */
export function policyText(prompt: Pick<LoadedPrompt, 'sources' | 'shared'>): string {
  return effectivePolicy(prompt);
}

/** The shared sections a policy includes, by name (`{{> safety}}` includes `safety`), loaded or not. */
export function sharedSectionNames(prompt: Pick<LoadedPrompt, 'sources' | 'shared'>): string[] {
  return [...new Set([...prompt.shared.map((section) => section.name), ...includedSectionNames(prompt.sources.policy)])].sort();
}
