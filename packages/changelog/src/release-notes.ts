import type { PromptImpact } from '@promptpack/core';
import type { EvalNotes } from './eval-notes.js';

/** What the changelog says about one prompt package, gathered before any text is written. */
export interface PromptNotes {
  /** npm package name, e.g. `@acme/prompt-support-reply`. */
  name: string;
  /** The release the changes are counted from; undefined for a first release. */
  previousVersion: string | undefined;
  /** Part-by-part impact since `previousVersion`; undefined when the comparison failed. */
  impact: PromptImpact | undefined;
  /** Why the comparison failed, when it did. */
  comparisonError?: string;
  /** `sha256:<hex>` of policy.md in the working tree (the new manifest.policyHash). */
  policyHash: string;
  /** The eval summary of the new version; absent when the history cannot read eval records. */
  evals?: EvalNotes;
}

/** One changeset's entry in one package's changelog. */
export interface ReleaseLineInput {
  summary: string;
  /** Full or short id of the commit that added the changeset. */
  commit?: string;
  /** Notes for the prompt packages this entry can be about; empty for tooling packages. */
  prompts: readonly PromptNotes[];
  /**
   * Name the package in each prompt block. Needed when the changeset bumps
   * several packages by the same type: changesets does not tell a changelog
   * module which package's CHANGELOG.md it is writing, so the entry is the
   * same in all of them.
   */
  labelPrompts?: boolean;
}
