import type { Bump, PartChange } from '@promptpack/spec';
import type { LoadedPrompt } from '../loaded-prompt.js';
import { diffPrompts } from './prompt-diff.js';
import { sharedSectionNames } from './policy-text.js';
import { diffText, type TextDiff } from './text-diff.js';

export interface SharedPromptImpact {
  id: string;
  package: string;
  /** changed: its effective policy differs; unchanged: it includes the section but sees the same text; new: no earlier version. */
  status: 'changed' | 'unchanged' | 'new';
  /** The bump the policy change requires (what the shared section did to this prompt). */
  policyBump: Bump;
  /** The bump the whole prompt requires, other changes since the base included. */
  required: Bump;
  changes: PartChange[];
  /** The prompt's effective-policy diff. */
  policy?: TextDiff;
}

export interface SharedImpact {
  specificationVersion: 'promptpack.shared-impact/v1';
  section: string;
  /** What the prompts are compared with, and what with. */
  from: { ref: string; commit: string };
  to: string;
  /** added, removed, changed or unchanged between the two, and the section's own diff. */
  sectionStatus: 'added' | 'removed' | 'changed' | 'unchanged';
  sectionDiff?: TextDiff;
  prompts: SharedPromptImpact[];
}

/**
 * Every prompt that includes shared section `section` (before or after),
 * with the bump the change requires of each. `pairs` are every prompt now
 * and as it was at the base (undefined before when new).
 */
export function sharedImpact(
  section: string,
  sectionText: { before?: string; after?: string },
  pairs: ReadonlyArray<{ before?: LoadedPrompt; after: LoadedPrompt }>,
  base: { from: { ref: string; commit: string }; to: string },
): SharedImpact {
  const includes = (prompt: LoadedPrompt | undefined) => prompt !== undefined && sharedSectionNames(prompt).includes(section);
  const prompts = pairs
    .filter(({ before, after }) => includes(before) || includes(after))
    .map(({ before, after }): SharedPromptImpact => {
      const describe = { id: after.spec.id, package: after.packageJson.name };
      if (!before) return { ...describe, status: 'new', policyBump: 'none', required: 'none', changes: [] };
      const side = { kind: 'ref' as const, requested: '', source: '' };
      const diff = diffPrompts({ prompt: before, endpoint: side }, { prompt: after, endpoint: side });
      const policy = diff.parts.find((part) => part.part === 'policy');
      const impact: SharedPromptImpact = {
        ...describe,
        status: policy?.changed ? 'changed' : 'unchanged',
        policyBump: policy?.bump ?? 'none',
        required: diff.bump,
        changes: diff.parts.flatMap((part) => part.changes),
      };
      if (policy?.text) impact.policy = policy.text;
      return impact;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  const { before, after } = sectionText;
  const sectionStatus = before === after ? 'unchanged' : before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  const result: SharedImpact = { specificationVersion: 'promptpack.shared-impact/v1', section, ...base, sectionStatus, prompts };
  const text = diffText(before ?? '', after ?? '');
  if (text) result.sectionDiff = text;
  return result;
}
