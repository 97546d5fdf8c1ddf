import { canonicalJson, type ManifestHashes } from '@promptpack/spec';
import { sha256 } from './hash.js';
import type { LoadedPrompt } from './loaded-prompt.js';
import { outputHash, toolsHash } from './output-hash.js';
import { policyHash } from './policy/policy-lock.js';

/** The hashed parts that change what render() returns or what parseOutput() accepts. */
export type BehaviourHashes = Omit<ManifestHashes, 'evals'>;

/**
 * The hash of each behaviour part. Text parts hash their raw text (the
 * policy with its shared sections inlined: what legal approves, byte for
 * byte); structured parts hash canonical JSON, so reordering YAML keys or
 * reformatting a file changes nothing.
 */
export function behaviourHashes(prompt: HashedParts): BehaviourHashes {
  const { spec, sources } = prompt;
  const tools = prompt.tools ?? [];
  return {
    policy: policyHash(prompt),
    fewshots: sha256(canonicalJson(prompt.fewshots)),
    template: sha256(sources.template),
    variables: sha256(canonicalJson(spec.variables)),
    output: outputHash(spec.output),
    model: sha256(canonicalJson(spec.model)),
    // Only a prompt with tools hashes them: every hash from before tools existed stays what it was.
    ...(tools.length > 0 ? { tools: toolsHash(tools) } : {}),
    // The declaration (its limits) is prompt config, hashed like the model's; the turns a caller
    // passes are input and never hashed. Absent, it adds no key, so older hashes stay what they were.
    ...(spec.history ? { history: sha256(canonicalJson(spec.history)) } : {}),
  };
}

/** What the behaviour hashes are computed from; `tools` may be left out by readers of prompts without tools. */
type HashedParts = Pick<LoadedPrompt, 'spec' | 'sources' | 'shared' | 'fewshots'> & Partial<Pick<LoadedPrompt, 'tools'>>;

/**
 * `manifest.contentHash`: one hash over the behaviour parts. Evals are left
 * out on purpose: adding a golden case changes no behaviour, so two versions
 * that differ only in evals share a contentHash. Id and version are left out
 * too: the hash says "same content", whatever the release is called. The one
 * definition: the build writes it, the changelog and release match records by it.
 */
export function contentHash(hashes: BehaviourHashes | ManifestHashes): string {
  const { policy, fewshots, template, variables, output, model, tools, history } = hashes;
  return sha256(canonicalJson({ policy, fewshots, template, variables, output, model, ...(tools === undefined ? {} : { tools }), ...(history === undefined ? {} : { history }) }));
}

/** The contentHash a build of this prompt would write, without building it. */
export function promptContentHash(prompt: HashedParts): string {
  return contentHash(behaviourHashes(prompt));
}
