import path from 'node:path';
import { loadPrompt } from '@promptpack/core';
import { findPromptDirs } from '../find-prompts.js';
import { plural, printDiagnostics, type Io } from '../output.js';

/** `promptpack validate [dir...]`: every problem in every prompt, then a one-line summary. */
export function validateCommand(args: readonly string[], io: Io): number {
  const dirs = findPromptDirs(args);
  let errors = 0;
  let warnings = 0;
  for (const dir of dirs) {
    const result = loadPrompt(dir);
    printDiagnostics(io, result.diagnostics);
    const count = result.diagnostics.filter((d) => d.severity === 'error').length;
    errors += count;
    warnings += result.diagnostics.length - count;
    if (count === 0) io.out(`ok ${path.basename(dir)}`);
  }
  io.out(`${plural(dirs.length, 'prompt')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return errors > 0 ? 1 : 0;
}
