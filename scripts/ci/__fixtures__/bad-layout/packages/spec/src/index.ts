// The bottom layer reaching up.
import { loadPrompt } from '@promptpack/core';

export const spec = loadPrompt;
