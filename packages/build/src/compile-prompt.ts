import { analyzeTemplate, effectivePolicy, type LoadedPrompt } from '@promptpack/core';
import { distSharedFile } from './dist-shared.js';
import { emitDeclarations } from './emit-declarations.js';
import { emitModule, type ModuleParts } from './emit-module.js';
import { emitChecks } from './emit-checks.js';
import { emitSchemasModule } from './emit-schemas.js';
import { toolArgumentsZod } from './emit-tools.js';
import { emitZod } from './emit-zod.js';
import { buildEvalsManifest } from './evals-manifest.js';
import { exampleValue } from './example-value.js';
import { toJsonSchema } from './json-schema.js';
import type { PromptManifest } from '@promptpack/spec';
import { buildManifest } from './manifest.js';
import { handlebarsVersion } from './handlebars-version.js';
import { compileTemplateToJs } from './template-js/index.js';

/** A file to write, its path relative to the prompt folder (always with `/`). */
export interface CompiledFile {
  path: string;
  contents: string;
}

export interface CompiledPrompt {
  files: CompiledFile[];
  manifest: PromptManifest;
}

/** The files the build writes, relative to the prompt folder; package.json `exports` points at them. */
export const distFiles = {
  esm: 'dist/index.js',
  cjs: 'dist/index.cjs',
  types: 'dist/index.d.ts',
  cjsTypes: 'dist/index.d.cts',
  schemas: 'dist/schemas.cjs',
  manifest: 'dist/manifest.json',
  evals: 'dist/evals.json',
} as const;

/** The top-level variables the policy (shared sections included) reads: its rendering depends on nothing else. */
function policyVariables(prompt: LoadedPrompt, policy: string): string[] {
  const { usedPaths } = analyzeTemplate(prompt.files.policy, policy, prompt.spec.variables);
  return [...new Set([...usedPaths].map((used) => used.split(/[.[]/)[0]!))].sort();
}

/**
 * A loaded prompt -> the text of every dist file. Pure and deterministic:
 * no disk, no clock, no absolute paths, so the same folder always gives the
 * same bytes and a rebuild that changes nothing rewrites nothing.
 */
export function compilePrompt(prompt: LoadedPrompt): CompiledPrompt {
  const { spec } = prompt;
  // The effective policy (shared sections inlined) is what legal approved and
  // what is hashed, so it is also what is compiled: the text the model gets is
  // exactly the approved text, with no partials to resolve at run time.
  const policy = effectivePolicy(prompt);
  const evals = buildEvalsManifest(prompt);
  const manifest = buildManifest(prompt, evals, handlebarsVersion);
  // A construct the generator cannot express fails the build (build/failed,
  // naming the construct and its file:line:col) instead of falling back to
  // the Handlebars runtime: the validator already limits templates to the
  // subset the generator covers, so reaching one is a bug to fix, and a
  // fallback would quietly put a template engine back into some packages.
  const parts: ModuleParts = {
    manifest,
    evals,
    policyTemplate: compileTemplateToJs(policy, { file: prompt.files.policy }).code,
    userTemplate: compileTemplateToJs(prompt.sources.template, { file: prompt.files.template }).code,
    fewshots: prompt.fewshots,
    model: spec.model,
    variablesChecks: emitChecks(spec.variables, 'checkVariables'),
    outputJsonSchema: spec.output ? toJsonSchema(spec.output) : null,
    outputIsText: spec.output?.type === 'string',
    variablesExample: `render(${JSON.stringify(exampleValue(spec.variables))})`,
    policyVariables: policyVariables(prompt, policy),
    tools: prompt.tools,
    history: spec.history,
  };
  const declarations = emitDeclarations({ manifest, variables: spec.variables, output: spec.output, model: spec.model, tools: prompt.tools, history: spec.history });
  return {
    manifest,
    files: [
      { path: distFiles.esm, contents: emitModule(parts, 'esm') },
      { path: distFiles.cjs, contents: emitModule(parts, 'cjs') },
      { path: distFiles.types, contents: declarations },
      { path: distFiles.cjsTypes, contents: declarations },
      { path: distFiles.schemas, contents: emitSchemasModule(emitZod(spec.variables), spec.output ? emitZod(spec.output) : null, toolArgumentsZod(prompt.tools)) },
      { path: distFiles.manifest, contents: `${JSON.stringify(manifest, null, 2)}\n` },
      { path: distFiles.evals, contents: `${JSON.stringify(evals, null, 2)}\n` },
      // The sections as written, beside the sources the package ships, so any published version can be reviewed and diffed.
      ...prompt.shared.map((section) => ({ path: distSharedFile(section.name), contents: section.text })),
    ],
  };
}
