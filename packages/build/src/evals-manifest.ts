import type { LoadedPrompt } from '@promptpack/core';
import type { EvalManifest } from '@promptpack/spec';

export const evalsSpecificationVersion = 'promptpack.evals/v1';

/** `dist/evals.json`: the validated eval manifest, defaults applied, so the eval runner never re-reads YAML. */
export interface EvalsManifest extends Omit<EvalManifest, '$schema'> {
  specificationVersion: typeof evalsSpecificationVersion;
}

export function buildEvalsManifest(prompt: LoadedPrompt): EvalsManifest {
  // `$schema` only points editors at a JSON Schema; it is not eval data.
  const { $schema: _editorHint, ...evals } = prompt.evals;
  return { specificationVersion: evalsSpecificationVersion, ...evals };
}
