import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromptpackError } from '@promptpack/spec';
import { loadPromptFromSources } from '../load-prompt.js';
import { listPromptFoldersAtRef, readPromptAtRef } from './read-prompt-at-ref.js';
import { defaultBase, findRepoRoot, mergeBase, resolveRef } from './refs.js';
import { listReleaseTags } from './release-tags.js';

const fixture = path.resolve(import.meta.dirname, '../../test/__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-git-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function thrown(run: () => unknown): PromptpackError {
  try {
    run();
  } catch (error) {
    if (PromptpackError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a PromptpackError');
}

let repo: string;
let first: string;
beforeAll(() => {
  repo = path.join(scratch, 'repo');
  mkdirSync(path.join(repo, 'prompts/_shared'), { recursive: true });
  writeFileSync(path.join(repo, 'prompts/_shared/notes.md'), 'shared\n');
  cpSync(fixture, path.join(repo, 'prompts/order-help'), { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'first');
  first = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'tag', '@acme/prompt-order-help@1.0.0');
  git(repo, 'tag', '@acme/prompt-order-help@1.10.0');
  git(repo, 'tag', '@acme/prompt-order-help@1.9.0');
  git(repo, 'tag', '@acme/prompt-order-help-extra@3.0.0');
  git(repo, 'checkout', '-q', '-b', 'feature');
  rmSync(path.join(repo, 'prompts/order-help/evals.yaml'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'second');
});

describe('reading prompts at a ref', () => {
  it('returns each file by part, and loads like a folder on disk with the ref in file names', () => {
    const snapshot = readPromptAtRef({ repoRoot: repo, ref: 'main', promptDir: 'prompts/order-help' });
    expect(Object.keys(snapshot?.sources ?? {}).sort()).toEqual(['evals', 'fewshots', 'packageJson', 'policy', 'prompt', 'template']);
    expect(snapshot?.shared).toEqual({});
    const result = loadPromptFromSources({ dir: path.join(repo, 'prompts/order-help'), folder: 'order-help', sources: snapshot!.sources, displayDir: 'main:prompts/order-help' });
    expect(result.success).toBe(true);
    expect(result.prompt?.files.policy).toBe('main:prompts/order-help/policy.md');
  });

  it('leaves out a file missing at that ref, which loading reports as file/missing', () => {
    const snapshot = readPromptAtRef({ repoRoot: repo, ref: 'feature', promptDir: path.join(repo, 'prompts/order-help') });
    expect(snapshot?.sources.evals).toBeUndefined();
    const result = loadPromptFromSources({ dir: path.join(repo, 'prompts/order-help'), folder: 'order-help', sources: snapshot!.sources, displayDir: 'feature:prompts/order-help' });
    expect(result.success).toBe(false);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'file/missing', file: 'feature:prompts/order-help/evals.yaml' }));
  });

  it('is undefined for a folder that did not exist at that ref', () => {
    expect(readPromptAtRef({ repoRoot: repo, ref: 'main', promptDir: 'prompts/order-status' })).toBeUndefined();
  });

  it('lists prompt folders at a ref, skipping shared ones', () => {
    expect(listPromptFoldersAtRef({ repoRoot: repo, ref: first, promptsDir: path.join(repo, 'prompts') })).toEqual(['prompts/order-help']);
  });

  it('names the ref when it does not exist', () => {
    const error = thrown(() => readPromptAtRef({ repoRoot: repo, ref: 'nope', promptDir: 'prompts/order-help' }));
    expect(error.message).toMatch(/Cannot read prompts\/order-help at nope/);
  });
});

describe('links committed in git', () => {
  // One repository per case: each commits a link where a prompt file or folder should be.
  function committed(name: string, arrange: (repo: string) => void): string {
    const dir = path.join(scratch, name);
    mkdirSync(path.join(dir, 'prompts/_shared'), { recursive: true });
    writeFileSync(path.join(dir, 'prompts/_shared/notes.md'), 'shared\n');
    cpSync(fixture, path.join(dir, 'prompts/order-help'), { recursive: true });
    arrange(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'links');
    return dir;
  }

  it('refuses a prompt file committed as a link (mode 120000), naming ref and file, instead of reading its target path as text', () => {
    const dir = committed('linked-file', (root) => {
      rmSync(path.join(root, 'prompts/order-help/policy.md'));
      symlinkSync('/etc/passwd', path.join(root, 'prompts/order-help/policy.md'));
    });
    expect(git(dir, 'ls-tree', 'main', 'prompts/order-help/policy.md')).toMatch(/^120000 /);
    const error = thrown(() => readPromptAtRef({ repoRoot: dir, ref: 'main', promptDir: 'prompts/order-help' }));
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'file/symlink', file: 'main:prompts/order-help/policy.md', line: 0, column: 0 })]);
    expect(error.message).toContain('main:prompts/order-help/policy.md: error file/symlink: main:prompts/order-help/policy.md is committed as a symbolic link (git mode 120000)');
    expect(error.message).not.toContain('/etc/passwd');
  });

  it('refuses a prompt folder committed as a link', () => {
    const dir = committed('linked-folder', (root) => {
      cpSync(path.join(root, 'prompts/order-help'), path.join(root, 'elsewhere'), { recursive: true });
      rmSync(path.join(root, 'prompts/order-help'), { recursive: true });
      symlinkSync('../elsewhere', path.join(root, 'prompts/order-help'));
    });
    const error = thrown(() => readPromptAtRef({ repoRoot: dir, ref: 'main', promptDir: 'prompts/order-help' }));
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'file/symlink', file: 'main:prompts/order-help' })]);
  });

  it('refuses a shared section the policy includes when it is committed as a link', () => {
    const dir = committed('linked-section', (root) => {
      rmSync(path.join(root, 'prompts/_shared/notes.md'));
      symlinkSync('/etc/hostname', path.join(root, 'prompts/_shared/notes.md'));
      writeFileSync(path.join(root, 'prompts/order-help/policy.md'), 'Be kind.\n\n{{> notes}}\n');
    });
    const error = thrown(() => readPromptAtRef({ repoRoot: dir, ref: 'main', promptDir: 'prompts/order-help' }));
    expect(error.diagnostics).toEqual([expect.objectContaining({ code: 'file/symlink', file: 'main:prompts/_shared/notes.md' })]);
  });
});

describe('refs', () => {
  it('finds the repository root from a subfolder', () => {
    expect(findRepoRoot(path.join(repo, 'prompts/order-help'))).toBe(git(repo, 'rev-parse', '--show-toplevel'));
  });

  it('resolves refs and explains unknown ones, including refs that look like options', () => {
    expect(resolveRef(repo, 'main')).toBe(first);
    for (const ref of ['nope', '--output=/tmp/x']) {
      const error = thrown(() => resolveRef(repo, ref));
      expect(error.code).toBe('git/ref-not-found');
      expect(error.message).toContain(`Unknown git ref "${ref}"`);
      expect(error.hint).toMatch(/git fetch/);
    }
  });

  it('finds the merge base of HEAD with main, falling back to origin/main', () => {
    expect(mergeBase(repo, 'HEAD', 'main')).toBe(first);
    expect(defaultBase(repo)).toEqual({ ref: 'main', commit: first });
    const clone = path.join(scratch, 'clone');
    git(scratch, 'clone', '-q', '--branch', 'feature', repo, clone);
    expect(defaultBase(clone)).toEqual({ ref: 'origin/main', commit: first });
    git(clone, 'update-ref', '-d', 'refs/remotes/origin/main');
    const error = thrown(() => defaultBase(clone));
    expect(error.message).toMatch(/neither a main branch nor origin\/main/);
    expect(error.hint).toMatch(/--base/);
  });

  it('lists one package’s release tags in semver order', () => {
    expect(listReleaseTags(repo, '@acme/prompt-order-help').map((tag) => tag.version)).toEqual(['1.0.0', '1.9.0', '1.10.0']);
  });
});
