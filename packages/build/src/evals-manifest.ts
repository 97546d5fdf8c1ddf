import type { LoadedPrompt } from '@promptpack/core';
import { evalsSpecificationVersion, type EvalsManifest } from '@promptpack/spec';

export function buildEvalsManifest(prompt: LoadedPrompt): EvalsManifest {
  // `$schema` only points editors at a JSON Schema; it is not eval data.
  const { $schema: _editorHint, ...evals } = prompt.evals;
  return { specificationVersion: evalsSpecificationVersion, ...evals };
}
