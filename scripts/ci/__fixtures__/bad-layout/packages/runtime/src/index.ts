// Production code pulling in the loader.
import { loadPrompt } from '@promptpack/core';

export const runtime = loadPrompt;
