import { sha256 } from '../hash.js';
import { comparePrompts } from '../impact/compare-prompts.js';
import { maxBump } from '../impact/prompt-impact.js';
import type { Bump, PartChange, PromptPart } from '@promptpack/spec';
import type { LoadedPrompt } from '../loaded-prompt.js';
import { partText, type TextPart } from './part-texts.js';
import { policyText } from './policy-text.js';
import { diffText, type TextDiff } from './text-diff.js';

/** The parts `--only` accepts, in the order a diff shows them: what legal owns first. */
export const diffParts = ['policy', 'fewshots', 'template', 'variables', 'output', 'model', 'tools', 'evals'] as const;
export type DiffPart = (typeof diffParts)[number];

const textParts: ReadonlySet<PromptPart> = new Set<TextPart>(['policy', 'fewshots', 'template', 'tools', 'evals']);

/** Where one side of a diff came from. */
export interface DiffEndpoint {
  /** What was asked for: `1.4.0`, `main`, `working tree`. */
  requested: string;
  /** registry: a published tarball; tag: the changesets release tag; ref: any git ref; working-tree: the files on disk. */
  kind: 'registry' | 'tag' | 'ref' | 'working-tree';
  /** One line saying where the files were read, for the header: `registry http://…/ (@acme/x@1.4.0, integrity verified)`. */
  source: string;
  /** The commit, for git sides. */
  commit?: string;
  /** The package version at that side. */
  version: string;
  /** sha256 of the policy as the model sees it. */
  policyHash: string;
  /** The policy hash a published package's manifest records, when read from one. */
  publishedPolicyHash?: string;
  /**
   * policy.lock at that side: who approved which policy hash and when, and
   * whether that hash is this side's policy (false: changed since approval).
   * null when there is no lock (never approved).
   */
  approval: { by: string; at: string; sha256: string; matches: boolean } | null;
  /** Anything the reader must know about how this side was found (a fallback, a mismatch). */
  notes: string[];
}

export type DiffEndpointInput = Omit<DiffEndpoint, 'version' | 'policyHash' | 'notes' | 'approval'> & {
  notes?: string[];
  /** The approval a published manifest records, used when the package ships no policy.lock. */
  publishedApproval?: { by: string; at: string };
};

export interface PartDiff {
  part: PromptPart;
  changed: boolean;
  /** The largest bump this part's changes require; none when unchanged or formatting only. */
  bump: Bump;
  /** One sentence per change, as `promptpack check` reports them. */
  changes: PartChange[];
  /** The line diff of a text part (policy, few-shots, template, tools, evals); absent when its text is identical. */
  text?: TextDiff;
  /** Set when the text changed but its meaning did not (evals.yaml comments, key order). */
  note?: string;
}

export interface PromptDiff {
  specificationVersion: 'promptpack.diff/v1';
  id: string;
  package: string;
  from: DiffEndpoint;
  to: DiffEndpoint;
  /** The part `--only` selected; null when every part is shown. */
  only: DiffPart | null;
  /** The bump the whole change requires (every part, whatever `only` shows). */
  bump: Bump;
  /** Parts in display order; with `only`, just that part. Unchanged parts are listed too, marked so. */
  parts: PartDiff[];
  /** Parts changed but left out by `only`, so a reviewer knows there is more. */
  otherChangedParts: PromptPart[];
}

export interface DiffPromptsOptions {
  only?: DiffPart;
  /** Unchanged lines around each change. Default 3. */
  context?: number;
}

/**
 * Everything that differs between two snapshots of one prompt, part by
 * part: the semver impact from `comparePrompts` (the rules `promptpack
 * check` applies), line diffs with word detail for the text parts, one
 * sentence per change for the structured ones.
 */
export function diffPrompts(before: { prompt: LoadedPrompt; endpoint: DiffEndpointInput }, after: { prompt: LoadedPrompt; endpoint: DiffEndpointInput }, options: DiffPromptsOptions = {}): PromptDiff {
  const impact = comparePrompts(withPolicyAsSeen(before.prompt), withPolicyAsSeen(after.prompt));
  // A prompt that has never had tools shows no tools part: nothing to review there.
  const hasTools = before.prompt.tools.length > 0 || after.prompt.tools.length > 0 || before.prompt.sources.tools !== undefined || after.prompt.sources.tools !== undefined;
  const parts = [...diffParts, 'metadata' as const].filter((part) => part !== 'tools' || hasTools || options.only === 'tools');
  const all: PartDiff[] = parts.map((part) => {
    const changes = impact.changes.filter((change) => change.part === part);
    const text = textParts.has(part) ? diffText(partText(before.prompt, part as TextPart), partText(after.prompt, part as TextPart), { context: options.context ?? 3 }) : undefined;
    const result: PartDiff = { part, changed: changes.length > 0 || text !== undefined, bump: maxBump(...changes.map((change) => change.bump)), changes };
    if (text) result.text = text;
    if (text && changes.length === 0) result.note = `${part === 'evals' ? 'evals.yaml' : part === 'tools' ? 'tools.yaml' : part} changed in formatting or comments only; what it means is the same, so it needs no release.`;
    return result;
  });
  const shown = options.only ? all.filter((part) => part.part === options.only) : all;
  return {
    specificationVersion: 'promptpack.diff/v1',
    id: after.prompt.spec.id,
    package: after.prompt.packageJson.name,
    from: endpoint(before.prompt, before.endpoint),
    to: endpoint(after.prompt, after.endpoint),
    only: options.only ?? null,
    bump: impact.bump,
    parts: shown,
    otherChangedParts: options.only ? all.filter((part) => part.changed && part.part !== options.only).map((part) => part.part) : [],
  };
}

function endpoint(prompt: LoadedPrompt, { publishedApproval, ...input }: DiffEndpointInput): DiffEndpoint {
  const policyHash = sha256(policyText(prompt));
  const notes = [...(input.notes ?? [])];
  if (input.publishedPolicyHash !== undefined && input.publishedPolicyHash !== policyHash) {
    notes.push(`the published manifest records policy hash ${input.publishedPolicyHash}, but the policy shipped in the package hashes to ${policyHash}.`);
  }
  const lock = prompt.policyLock;
  const recorded = lock ? { by: lock.approvedBy, at: lock.approvedAt, sha256: lock.sha256 } : publishedApproval && input.publishedPolicyHash ? { ...publishedApproval, sha256: input.publishedPolicyHash } : undefined;
  const approval = recorded ? { ...recorded, matches: recorded.sha256 === policyHash } : null;
  return { ...input, version: prompt.packageJson.version, policyHash, approval, notes };
}

/**
 * comparePrompts with the policy as the model sees it (shared sections
 * inlined), so a change to a shared section counts as the policy change it
 * is, by the same rules `promptpack check` applies.
 */
function withPolicyAsSeen(prompt: LoadedPrompt): LoadedPrompt {
  return { ...prompt, sources: { ...prompt.sources, policy: policyText(prompt) } };
}
