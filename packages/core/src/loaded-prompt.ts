import type { Diagnostic } from './diagnostic.js';
import type { EvalManifest } from './schema/evals-spec.js';
import type { FewShot } from './schema/fewshots-spec.js';
import type { PromptSpec } from './schema/prompt-spec.js';

/** The files of a prompt folder, by the part each one holds. */
export const promptFiles = {
  packageJson: 'package.json',
  prompt: 'prompt.yaml',
  policy: 'policy.md',
  fewshots: 'fewshots.yaml',
  template: 'template.hbs',
  evals: 'evals.yaml',
} as const;

export type PromptFilePart = keyof typeof promptFiles;

export interface PromptPackageJson {
  name: string;
  version: string;
  [key: string]: unknown;
}

/** A prompt folder that loaded without errors: every part parsed and validated. */
export interface LoadedPrompt {
  /** Absolute path of the folder. */
  dir: string;
  /** Path of each file as it appears in diagnostics (relative to the working directory when possible). */
  files: Record<PromptFilePart, string>;
  /** Raw text of each file, exactly as read (the build ships and hashes these). */
  sources: Record<PromptFilePart, string>;
  packageJson: PromptPackageJson;
  spec: PromptSpec;
  fewshots: FewShot[];
  evals: EvalManifest;
  /** Warnings found while loading (errors prevent a LoadedPrompt). */
  warnings: Diagnostic[];
}

export type LoadPromptResult =
  | { success: true; prompt: LoadedPrompt; diagnostics: Diagnostic[] }
  | { success: false; prompt?: undefined; diagnostics: Diagnostic[] };
