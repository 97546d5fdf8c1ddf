// A value, not a type, from eval.
import { runEvals } from '@promptpack/eval';

export const report = runEvals;
