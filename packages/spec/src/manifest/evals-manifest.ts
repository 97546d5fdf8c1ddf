import type { EvalManifest } from '../schema/evals-spec.js';

export const evalsSpecificationVersion = 'promptpack.evals/v1';

/** `dist/evals.json`: the validated eval manifest, defaults applied, so the eval runner never re-reads YAML. */
export interface EvalsManifest extends Omit<EvalManifest, '$schema'> {
  specificationVersion: typeof evalsSpecificationVersion;
}
