import { policyHash, sha256, type LoadedPrompt } from '@promptpack/core';
import { canonicalJson, type ModelDefaults } from '@promptpack/spec';
import { distSharedFile } from './dist-shared.js';
import type { EvalsManifest } from './evals-manifest.js';
import { toJsonSchema, type JsonSchema } from './json-schema.js';

export const manifestSpecificationVersion = 'promptpack.manifest/v1';

/** The parts of a prompt that are hashed one by one, so a diff can say which concern changed. */
export interface ManifestHashes {
  policy: string;
  fewshots: string;
  template: string;
  variables: string;
  output: string;
  model: string;
  evals: string;
}

/** The policy as legal approved it (or not): what a reviewer of a published version checks. */
export interface ManifestPolicy {
  /** sha256 of the effective policy: policy.md with its shared sections inlined. Same as `policyHash`. */
  hash: string;
  /** From policy.lock, when it approves exactly this policy; null when the policy was never approved or changed since. */
  approval: { by: string; at: string } | null;
  /** The shared sections the policy includes, each copied to `file` in the package. */
  sections: Array<{ name: string; file: string; hash: string }>;
}

/** `dist/manifest.json`: what a built prompt is, its interface and the hash of every part. */
export interface PromptManifest {
  specificationVersion: typeof manifestSpecificationVersion;
  id: string;
  /** npm package name. */
  name: string;
  version: string;
  description: string;
  owners: string[];
  model: ModelDefaults;
  variables: JsonSchema;
  /** null when the prompt declares no output schema (free text). */
  output: JsonSchema | null;
  hashes: ManifestHashes;
  contentHash: string;
  /** sha256 of the effective policy (shared sections inlined), as policy.lock records it. */
  policyHash: string;
  policy: ManifestPolicy;
  builtWith: { handlebars: string };
}

/**
 * Builds the manifest. Nothing time- or machine-dependent goes in (no dates,
 * no absolute paths): building the same folder twice gives the same bytes.
 */
export function buildManifest(prompt: LoadedPrompt, evals: EvalsManifest, handlebarsVersion: string): PromptManifest {
  const { spec, sources } = prompt;
  // Text parts hash their raw text (the policy with its shared sections
  // inlined: what legal approves, byte for byte); structured parts hash
  // canonical JSON, so reordering YAML keys or reformatting a file changes nothing.
  const policy = policyHash(prompt);
  const lock = prompt.policyLock;
  const hashes: ManifestHashes = {
    policy,
    fewshots: sha256(canonicalJson(prompt.fewshots)),
    template: sha256(sources.template),
    variables: sha256(canonicalJson(spec.variables)),
    output: sha256(canonicalJson(spec.output ?? null)),
    model: sha256(canonicalJson(spec.model)),
    evals: sha256(canonicalJson(evals)),
  };
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

/**
 * One hash for everything that changes what render() returns or what
 * parseOutput() accepts: policy, few-shots, template, variables, output and
 * model. Evals are left out on purpose: adding a golden case changes no
 * behaviour, so two versions that differ only in evals share a contentHash.
 * Id and version are left out too: the hash says "same content", whatever
 * the release is called.
 */
export function contentHash(hashes: ManifestHashes): string {
  const { evals: _notBehaviour, ...behaviour } = hashes;
  return sha256(canonicalJson(behaviour));
}
