import type { Diagnostic, EvalManifest, FewShot, PolicyLock, PromptSpec, ToolSpec } from '@promptpack/spec';

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

/** Files a prompt folder may hold; loading works without them. */
export const optionalPromptFiles = {
  /** The approved policy's hash, who approved it and when (see `readPolicyLock`). */
  policyLock: 'policy.lock',
  /** The tools the model may call (see docs/prompt-format.md#toolsyaml). */
  tools: 'tools.yaml',
} as const;

export type OptionalPromptFilePart = keyof typeof optionalPromptFiles;

/** A shared section (`prompts/_shared/<name>.md`) that a prompt's policy includes with `{{> name}}`. */
export interface SharedSection {
  /** Kebab-case, as in `{{> name}}` and the file name. */
  name: string;
  /** Path of the file as it appears in diagnostics, e.g. `prompts/_shared/safety.md`. */
  file: string;
  /** The file's text, exactly as read (a byte-order mark removed). */
  text: string;
}

export interface PromptPackageJson {
  name: string;
  version: string;
  [key: string]: unknown;
}

/** A prompt folder that loaded without errors: every part parsed and validated. */
export interface LoadedPrompt {
  /** Absolute path of the folder. */
  dir: string;
  /** Path of each file as it appears in diagnostics (relative to the working directory when possible), optional ones included. */
  files: Record<PromptFilePart | OptionalPromptFilePart, string>;
  /** Raw text of each file, exactly as read (the build ships and hashes these); an optional file only when present. */
  sources: Record<PromptFilePart, string> & Partial<Record<OptionalPromptFilePart, string>>;
  /** The shared sections policy.md includes, sorted by name. */
  shared: SharedSection[];
  /** policy.lock, parsed; undefined when the folder has none (the policy was never approved). */
  policyLock: PolicyLock | undefined;
  packageJson: PromptPackageJson;
  spec: PromptSpec;
  fewshots: FewShot[];
  evals: EvalManifest;
  /** tools.yaml's tools, in its order; empty when the folder has no tools.yaml. */
  tools: ToolSpec[];
  /** Warnings found while loading (errors prevent a LoadedPrompt). */
  warnings: Diagnostic[];
}

export type LoadPromptResult =
  | { success: true; prompt: LoadedPrompt; diagnostics: Diagnostic[] }
  | { success: false; prompt?: undefined; diagnostics: Diagnostic[] };
