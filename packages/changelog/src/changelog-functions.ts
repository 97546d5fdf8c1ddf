import type { ChangelogFunctions, NewChangesetWithCommit, VersionType } from '@changesets/types';
import { collectPromptNotes, type PromptHistory } from './collect-prompt-notes.js';
import { formatReleaseLine } from './format-release-line.js';
import type { PromptNotes } from './release-notes.js';

/**
 * Wires the pure formatter to a history source. `history` is called lazily,
 * once, when the first entry names a package: loading the module (changesets
 * does that even for `changeset status`) reads nothing.
 */
export function createChangelogFunctions(history: () => PromptHistory): ChangelogFunctions {
  let source: PromptHistory | undefined;
  // One `changeset version` asks for the same package once per changeset; the
  // impact since the previous release is the same each time.
  const notesByName = new Map<string, PromptNotes | undefined>();
  const notesFor = (name: string) => {
    if (!notesByName.has(name)) {
      source ??= history();
      notesByName.set(name, collectPromptNotes(name, source));
    }
    return notesByName.get(name);
  };

  return {
    async getReleaseLine(changeset: NewChangesetWithCommit, type: VersionType) {
      // changesets does not say which package's changelog this line is for;
      // the candidates are the packages this changeset bumps by `type`. With
      // more than one, each prompt block is labelled with its package name.
      const candidates = changeset.releases.filter((release) => release.type === type);
      const prompts = candidates.map((release) => notesFor(release.name)).filter((notes): notes is PromptNotes => notes !== undefined);
      return formatReleaseLine({ summary: changeset.summary, commit: changeset.commit, prompts, labelPrompts: candidates.length > 1 });
    },

    async getDependencyReleaseLine(changesets, dependenciesUpdated) {
      if (dependenciesUpdated.length === 0) return '';
      const commits = changesets.map((changeset) => changeset.commit?.slice(0, 7)).filter(Boolean);
      const header = `- Updated dependencies${commits.length > 0 ? ` [${commits.join(', ')}]` : ''}:`;
      return [header, ...dependenciesUpdated.map((dependency) => `  - ${dependency.name}@${dependency.newVersion}`)].join('\n');
    },
  };
}
