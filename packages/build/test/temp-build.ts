import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadPrompt, type LoadedPrompt } from '@promptpack/core';
import { formatDiagnostic } from '@promptpack/spec';
import { compilePrompt, writeFiles } from '../src/index.js';

export const fixturesDir = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

// Under this package's node_modules, so the generated code resolves `zod`
// the way an installed prompt package does, from a git-ignored place.
const scratchRoot = fileURLToPath(new URL('../node_modules/.cache/build-tests/', import.meta.url));

/** A fresh scratch directory; removed by the returned cleanup. */
export function scratchDir(): { dir: string; cleanup: () => void } {
  mkdirSync(scratchRoot, { recursive: true });
  const dir = mkdtempSync(scratchRoot);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a fixture folder into `parent` (keeping its name, which the loader checks against the package name). */
export function copyFixture(name: string, parent: string): string {
  const target = path.join(parent, name);
  cpSync(path.join(fixturesDir, name), target, { recursive: true, filter: (source) => !source.includes(`${path.sep}dist`) });
  return target;
}

export function loadFixture(dir: string): LoadedPrompt {
  const result = loadPrompt(dir);
  if (!result.success) throw new Error(`Fixture does not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.prompt;
}

/** Compiles a prompt into `dir` (as if dir were its folder) and loads the generated ESM and CJS entry points. */
export async function buildAndImport(prompt: LoadedPrompt, dir: string): Promise<{ esm: GeneratedModule; cjs: GeneratedModule }> {
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, compilePrompt(prompt).files);
  const esm = (await import(pathToFileURL(path.join(dir, 'dist/index.js')).href)) as GeneratedModule;
  const cjs = createRequire(path.join(dir, 'package.json'))('./dist/index.cjs') as GeneratedModule;
  return { esm, cjs };
}

type ErrorClass = { new (...args: never[]): Error; isInstance(value: unknown): boolean };

/** The generated API, loosely typed: the tests check values; support-mini.test-d.ts checks the types. */
export interface GeneratedModule {
  id: string;
  version: string;
  manifest: Record<string, unknown>;
  evals: Record<string, unknown>;
  variablesSchema: { safeParse(value: unknown): { success: boolean } };
  outputSchema: { safeParse(value: unknown): { success: boolean } };
  outputJsonSchema: Record<string, unknown> | null;
  render(variables: unknown, options?: unknown): { messages: Array<{ role: string; content: string }>; model: Record<string, unknown>; meta: Record<string, unknown>; tools?: unknown[] };
  safeRender(variables: unknown, options?: unknown): { success: boolean; data?: unknown; error?: GeneratedError };
  parseOutput(text: unknown): unknown;
  safeParseOutput(text: unknown): { success: boolean; data?: unknown; error?: GeneratedError };
  safeParsePartialOutput(text: unknown): { success: boolean; data?: unknown; complete?: boolean; completed?: string[]; error?: GeneratedError };
  parsePartialOutput(text: unknown): { data?: unknown; complete: boolean; completed: string[] };
  tools: ReadonlyArray<Record<string, unknown>>;
  parseToolCall(call: unknown): { name: string; arguments: Record<string, unknown>; id?: string };
  safeParseToolCall(call: unknown): { success: boolean; data?: { name: string; arguments: Record<string, unknown> }; error?: GeneratedError };
  PromptVariablesError: ErrorClass;
  PromptOutputError: ErrorClass;
  PromptRenderError: ErrorClass;
  PromptToolCallError: ErrorClass;
  PromptHistoryError: ErrorClass;
  default: Record<string, unknown>;
}

export interface GeneratedError extends Error {
  code: string;
  hint: string;
  issues: Array<{ code: string; path: PropertyKey[] }>;
  text?: unknown;
}
