import type { loadPrompt } from './load-prompt.js';

export function readLock(): string {
  return 'lock';
}

export type Loader = typeof loadPrompt;
