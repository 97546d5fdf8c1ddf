// A throwaway copy of this repository, with its own git history, for tests
// and the demo to release from without touching the real checkout. Tracked
// and untracked-but-not-ignored files are copied (uncommitted work included);
// node_modules and the tooling's dist folders are symlinked, not installed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface ScratchRepo {
  dir: string;
  git(...args: string[]): string;
  /** `git add -A && git commit -m message`. */
  commit(message: string): void;
}

/** The npm scope of this repository's prompt packages. */
export const repoScope = '@acme';

export interface ScratchRepoOptions {
  /**
   * Release the prompts under this npm scope instead of `@acme` (e.g.
   * `@e2e-consumers`): test files that share one registry each keep to
   * their own names (scopes.ts).
   */
  scope?: string;
}

export function createScratchRepo(dir: string, options: ScratchRepoOptions = {}): ScratchRepo {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const file of listed.split('\0')) {
    if (!file || !existsSync(path.join(repoRoot, file))) continue;
    // Pending changesets of the real checkout are not part of a scratch release.
    if (/^\.changeset\/[^/]+\.md$/.test(file) && file !== '.changeset/README.md') continue;
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(repoRoot, file), path.join(dir, file));
  }
  dropToolingPrompts(dir);
  if (options.scope !== undefined && options.scope !== repoScope) renameScope(dir, options.scope);
  link(dir, 'node_modules');
  for (const name of readdirSync(path.join(repoRoot, 'packages'))) {
    for (const inner of ['node_modules', 'dist']) link(dir, `packages/${name}/${inner}`);
  }
  // Symlinks are not directories, so the .gitignore's `node_modules/` would not hide them.
  const repo = scratchRepoAt(dir);
  repo.git('init', '-q', '-b', 'main');
  writeFileSync(path.join(dir, '.git/info/exclude'), 'node_modules\ndist\n');
  repo.git('config', 'user.name', 'promptpack scratch');
  repo.git('config', 'user.email', 'scratch@promptpack.invalid');
  repo.git('config', 'commit.gpgsign', 'false');
  repo.git('config', 'tag.gpgsign', 'false');
  repo.commit('scratch copy');
  return repo;
}

export function scratchRepoAt(dir: string): ScratchRepo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  return {
    dir,
    git,
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
    },
  };
}

/** The scope lives in each prompt's package.json name alone: the release, tags and changesets all read it from there. */
function renameScope(dir: string, scope: string): void {
  if (!/^@[a-z0-9][a-z0-9._-]*$/.test(scope)) throw new Error(`createScratchRepo: scope must look like "@e2e-consumers" (npm's rules: lowercase, URL-safe), got "${scope}".`);
  for (const folder of readdirSync(path.join(dir, 'prompts'))) {
    const file = path.join(dir, 'prompts', folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
    if (!manifest.name?.startsWith(`${repoScope}/`)) continue;
    manifest.name = `${scope}/${manifest.name.slice(repoScope.length + 1)}`;
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/**
 * A prompt named outside the repository's scope (prompts/llm-judge is
 * @promptpack/prompt-llm-judge) ships with the tooling: publishTooling puts it
 * on a registry, under the one name every test shares. A scratch release
 * leaves it out, so it is never published twice, or raced, from two places.
 */
function dropToolingPrompts(dir: string): void {
  for (const folder of readdirSync(path.join(dir, 'prompts'))) {
    const file = path.join(dir, 'prompts', folder, 'package.json');
    if (!existsSync(file)) continue;
    const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
    if (name !== undefined && !name.startsWith(`${repoScope}/`)) rmSync(path.join(dir, 'prompts', folder), { recursive: true, force: true });
  }
}

function link(dir: string, relative: string): void {
  const source = path.join(repoRoot, relative);
  if (existsSync(source)) symlinkSync(source, path.join(dir, relative));
}
