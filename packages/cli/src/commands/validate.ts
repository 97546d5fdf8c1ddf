import path from 'node:path';
import { loadPrompt } from '@promptpack/core';
import { findPromptDirs } from '../find-prompts.js';
import { diagnosticJson, plural, printDiagnostics, printJson, type Io } from '../output.js';

export interface ValidateOptions {
  /** Print one JSON document on stdout instead of the text report. */
  json?: boolean;
}

/** `promptpack validate [dir...]`: every problem in every prompt, then a one-line summary. */
export function validateCommand(args: readonly string[], options: ValidateOptions, io: Io): number {
  const dirs = findPromptDirs(args);
  const prompts = dirs.map((dir) => {
    const { diagnostics } = loadPrompt(dir);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return { id: path.basename(dir), dir: path.relative(process.cwd(), dir) || '.', ok: errors === 0, errors, warnings: diagnostics.length - errors, diagnostics };
  });
  const errors = prompts.reduce((sum, prompt) => sum + prompt.errors, 0);
  const warnings = prompts.reduce((sum, prompt) => sum + prompt.warnings, 0);
  if (options.json) {
    printJson(io, {
      specificationVersion: 1,
      ok: errors === 0,
      errors,
      warnings,
      prompts: prompts.map((prompt) => ({ ...prompt, diagnostics: prompt.diagnostics.map(diagnosticJson) })),
    });
    return errors > 0 ? 1 : 0;
  }
  for (const prompt of prompts) {
    printDiagnostics(io, prompt.diagnostics);
    if (prompt.ok) io.out(`ok ${prompt.id}`);
  }
  io.out(`${plural(dirs.length, 'prompt')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return errors > 0 ? 1 : 0;
}
