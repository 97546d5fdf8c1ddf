// Allowed: a type from eval, and core through its entry.
import type { runEvals } from '@promptpack/eval';
import { loadPrompt } from '@promptpack/core';

export type Runner = typeof runEvals;
export const summary = loadPrompt;
