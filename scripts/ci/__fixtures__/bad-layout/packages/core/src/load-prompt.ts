// A circle of two files: load-prompt needs policy-lock, which needs load-prompt.
import { readLock } from './policy-lock.js';

export function loadPrompt(): string {
  return readLock();
}
