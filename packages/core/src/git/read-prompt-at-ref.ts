import { realpathSync } from 'node:fs';
import path from 'node:path';
import { optionalPromptFiles, promptFiles, type OptionalPromptFilePart, type PromptFilePart } from '../loaded-prompt.js';
import { includedSectionNames, sharedFolder, sharedSectionFile } from '../shared/find-includes.js';
import { assertRegularCommittedFile, parseTreeListing } from './committed-file.js';
import { git, runGit, toGitPath } from './run-git.js';

const partByFile = new Map(Object.entries({ ...promptFiles, ...optionalPromptFiles }).map(([part, file]) => [file as string, part as PromptFilePart | OptionalPromptFilePart]));

/** A prompt folder as it was at a ref: what `loadPromptFromSources` takes. */
export interface PromptAtRef {
  /** File contents by part; a file missing at that ref is left out. */
  sources: Partial<Record<PromptFilePart | OptionalPromptFilePart, string>>;
  /** The shared sections policy.md includes at that ref that exist there, by name (`_shared/<name>.md` beside the folder). */
  shared: Record<string, string>;
}

export interface ReadPromptAtRefOptions {
  /** Top of the git work tree. */
  repoRoot: string;
  /** Commit, branch or tag; resolve it first (`resolveRef`) for a clear error on typos. */
  ref: string;
  /** The prompt folder, relative to `repoRoot` or absolute. */
  promptDir: string;
}

/**
 * The prompt's files as they were at `ref`, by part, and the shared sections
 * its policy included then; undefined when the folder did not exist there (a
 * new prompt). A file missing at that ref is left out, so loading the result
 * reports it like a missing file on disk (or, for a section, an unknown one).
 */
export function readPromptAtRef(options: ReadPromptAtRefOptions): PromptAtRef | undefined {
  const folder = repoPath(options.repoRoot, options.promptDir);
  const [self] = parseTreeListing(git(options.repoRoot, ['ls-tree', '-z', '--end-of-options', options.ref, folder], `read ${folder} at ${options.ref}`, refHint));
  // ls-tree of a path that does not exist succeeds with no output: a new prompt, not an error.
  if (!self) return undefined;
  if (self.mode === '120000') assertRegularCommittedFile(self, `${options.ref}:${folder}`);
  const entries = parseTreeListing(git(options.repoRoot, ['ls-tree', '-z', '--end-of-options', options.ref, `${folder}/`], `read ${folder} at ${options.ref}`, refHint));
  if (entries.length === 0) return undefined;
  const sources: PromptAtRef['sources'] = {};
  for (const entry of entries) {
    const name = path.posix.basename(entry.path);
    const part = partByFile.get(name);
    if (!part) continue;
    assertRegularCommittedFile(entry, `${options.ref}:${folder}/${name}`);
    sources[part] = git(options.repoRoot, ['show', `${options.ref}:${folder}/${name}`], `read ${folder}/${name} at ${options.ref}`);
  }
  return { sources, shared: readSharedAtRef(options.repoRoot, options.ref, folder, sources.policy) };
}

/** The sections `policy` includes, as they were at `ref`; a section missing there is left out. */
function readSharedAtRef(repoRoot: string, ref: string, folder: string, policy: string | undefined): Record<string, string> {
  const shared: Record<string, string> = {};
  const sharedDir = path.posix.join(path.posix.dirname(folder), sharedFolder);
  for (const name of policy === undefined ? [] : includedSectionNames(policy)) {
    const file = `${sharedDir}/${sharedSectionFile(name)}`;
    const listed = runGit(repoRoot, ['ls-tree', '-z', '--end-of-options', ref, file]);
    const [entry] = listed.ok ? parseTreeListing(listed.stdout) : [];
    if (!entry) continue;
    assertRegularCommittedFile(entry, `${ref}:${file}`);
    const result = runGit(repoRoot, ['show', `${ref}:${file}`]);
    if (result.ok) shared[name] = result.stdout;
  }
  return shared;
}

/**
 * The prompt folders under `promptsDir` at `ref` (relative to the repo root,
 * `/`-separated), so prompts deleted since then can be reported. Folders
 * starting with `_` or `.` hold shared material, as on disk.
 */
export function listPromptFoldersAtRef(options: { repoRoot: string; ref: string; promptsDir: string }): string[] {
  const root = repoPath(options.repoRoot, options.promptsDir);
  const listing = git(options.repoRoot, ['ls-tree', '-d', '--name-only', '--end-of-options', options.ref, `${root}/`], `list ${root} at ${options.ref}`, refHint);
  return listing
    .split('\n')
    .filter(Boolean)
    .filter((entry) => !/^[_.]/.test(path.posix.basename(entry)))
    .sort();
}

const refHint = 'Pass a commit, branch or tag that exists here (git log --oneline, git tag --list).';

/** `dir` relative to the repository root, `/`-separated, as git paths are. */
export function repoPath(repoRoot: string, dir: string): string {
  if (!path.isAbsolute(dir)) return toGitPath(dir);
  // git reports the work tree with symlinks resolved (/tmp -> /private/tmp on macOS); compare like with like.
  return toGitPath(path.relative(real(repoRoot), real(dir)));
}

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    // A deleted prompt's folder no longer exists on disk; resolve its parent instead.
    const parent = path.dirname(dir);
    return parent === dir ? dir : path.join(real(parent), path.basename(dir));
  }
}
