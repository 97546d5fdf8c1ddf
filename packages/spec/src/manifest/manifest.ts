import type { ModelDefaults } from '../schema/prompt-spec.js';

export const manifestSpecificationVersion = 'promptpack.manifest/v1';

/** A plain JSON Schema object, as manifest.json carries it and a model API accepts it. */
export type JsonSchema = { [key: string]: unknown };

/** The parts of a prompt that are hashed one by one, so a diff can say which concern changed. */
export interface ManifestHashes {
  policy: string;
  fewshots: string;
  template: string;
  variables: string;
  output: string;
  model: string;
  /** Only when the prompt has tools.yaml: a prompt without tools hashes as it did before tools existed. */
  tools?: string;
  /** Only when prompt.yaml declares `history:`: the hash of its limits (the turns are input, never hashed). */
  history?: string;
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
  /** Only when the prompt takes chat history: its limits, as render() enforces them. */
  history?: { maxTurns: number; maxChars: number };
  hashes: ManifestHashes;
  contentHash: string;
  /** sha256 of the effective policy (shared sections inlined), as policy.lock records it. */
  policyHash: string;
  policy: ManifestPolicy;
  builtWith: { handlebars: string };
}

/** What a reader needs to tell one built version from another: the identity every manifest reader shares. */
export type ManifestIdentity = Pick<PromptManifest, 'id' | 'name' | 'version' | 'contentHash'>;
