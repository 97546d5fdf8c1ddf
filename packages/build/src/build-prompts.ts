import { loadPrompt } from '@promptpack/core';
import { PromptpackError, type Diagnostic } from '@promptpack/spec';
import { compilePrompt } from './compile-prompt.js';
import type { PromptManifest } from '@promptpack/spec';
import { removeStale } from './remove-stale.js';
import { writeFiles } from './write-files.js';

export interface BuildPromptsOptions {
  /** Compile and compare without writing: `written` then lists what a build would change (a CI freshness check). */
  dryRun?: boolean;
}

export type BuildPromptResult =
  | {
      success: true;
      /** The prompt folder, as given. */
      dir: string;
      id: string;
      manifest: PromptManifest;
      /** Warnings from loading; a prompt with errors is never built. */
      diagnostics: Diagnostic[];
      /** Paths relative to the folder, e.g. dist/index.js. */
      written: string[];
      unchanged: string[];
      /** Files in dist/ this build no longer produces, deleted (or, with dryRun, that would be). */
      removed: string[];
    }
  | { success: false; dir: string; diagnostics: Diagnostic[] };

export interface BuildPromptsResult {
  /** False when any prompt failed; the others are still built. */
  success: boolean;
  results: BuildPromptResult[];
}

/** Loads, validates and builds one prompt folder into its dist/. Never writes anything for a prompt with errors. */
export function buildPrompt(dir: string, options: BuildPromptsOptions = {}): BuildPromptResult {
  const loaded = loadPrompt(dir);
  if (!loaded.success) return { success: false, dir, diagnostics: loaded.diagnostics };
  try {
    const compiled = compilePrompt(loaded.prompt);
    const { written, unchanged } = writeFiles(loaded.prompt.dir, compiled.files, options);
    const removed = removeStale(loaded.prompt.dir, compiled.files.map((file) => file.path), options);
    return { success: true, dir, id: compiled.manifest.id, manifest: compiled.manifest, diagnostics: loaded.diagnostics, written, unchanged, removed };
  } catch (error) {
    // A template the loader let through but the generator cannot express, or a dist/ that is a link; anything else is a bug and propagates.
    if (PromptpackError.isInstance(error) && error.code === 'build/failed') {
      return { success: false, dir, diagnostics: [...loaded.diagnostics, ...error.diagnostics] };
    }
    throw error;
  }
}

/**
 * Builds many prompt folders, one after another (a prompt compiles in about
 * a millisecond, so workers would cost more than they save). A failing
 * prompt does not stop the others: every result comes back and the caller
 * decides how to report and exit.
 */
export function buildPrompts(dirs: readonly string[], options: BuildPromptsOptions = {}): BuildPromptsResult {
  const results = dirs.map((dir) => buildPrompt(dir, options));
  return { success: results.every((result) => result.success), results };
}
