import { createChangelogFunctions } from './changelog-functions.js';
import { createRepositoryHistory } from './repository-history.js';

export { createChangelogFunctions } from './changelog-functions.js';
export { ChangelogError, collectPromptNotes, type PromptHistory } from './collect-prompt-notes.js';
export { formatPromptNotes, formatReleaseLine } from './format-release-line.js';
export { formatEvalNotes, readEvalRecord, type EvalNotes } from './eval-notes.js';
export type { PromptNotes, ReleaseLineInput } from './release-notes.js';
export { createRepositoryHistory } from './repository-history.js';

const changelogFunctions = createChangelogFunctions(() => createRepositoryHistory(process.cwd()));

/** The changesets changelog hooks, reading the repository `changeset version` runs in. */
export const { getReleaseLine, getDependencyReleaseLine } = changelogFunctions;

/** What changesets loads: `"changelog": ["@promptpack/changelog", {}]` in .changeset/config.json. */
export default changelogFunctions;
