import { behaviourHashes, contentHash, sha256, type LoadedPrompt } from '@promptpack/core';
import { canonicalJson, manifestSpecificationVersion, type EvalsManifest, type ManifestHashes, type PromptManifest } from '@promptpack/spec';
import { distSharedFile } from './dist-shared.js';
import { toJsonSchema } from './json-schema.js';

/**
 * Builds the manifest. Nothing time- or machine-dependent goes in (no dates,
 * no absolute paths): building the same folder twice gives the same bytes.
 */
export function buildManifest(prompt: LoadedPrompt, evals: EvalsManifest, handlebarsVersion: string): PromptManifest {
  const { spec } = prompt;
  const hashes: ManifestHashes = { ...behaviourHashes(prompt), evals: sha256(canonicalJson(evals)) };
  const policy = hashes.policy;
  const lock = prompt.policyLock;
  return {
    specificationVersion: manifestSpecificationVersion,
    id: spec.id,
    name: prompt.packageJson.name,
    version: prompt.packageJson.version,
    description: spec.description,
    owners: spec.owners,
    model: spec.model,
    variables: toJsonSchema(spec.variables),
    output: spec.output ? toJsonSchema(spec.output) : null,
    // Only when declared: a prompt without history keeps the manifest it had.
    ...(spec.history ? { history: { maxTurns: spec.history.maxTurns, maxChars: spec.history.maxChars } } : {}),
    hashes,
    contentHash: contentHash(hashes),
    policyHash: hashes.policy,
    policy: {
      hash: policy,
      // An approval of another text says nothing about this one.
      approval: lock && lock.sha256 === policy ? { by: lock.approvedBy, at: lock.approvedAt } : null,
      sections: prompt.shared.map((section) => ({ name: section.name, file: distSharedFile(section.name), hash: sha256(section.text) })),
    },
    builtWith: { handlebars: handlebarsVersion },
  };
}
