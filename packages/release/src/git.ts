// The few git operations of a release, in the released repository.
import type { ReleaseLog } from './release-log.js';
import { run } from './run-process.js';

/** Lines of `git status --porcelain` for `paths`; empty when they are committed. */
export async function uncommitted(cwd: string, paths: readonly string[]): Promise<string> {
  return (await run('git', ['status', '--porcelain', '--', ...paths], { cwd })).stdout.trimEnd();
}

export async function isGitRepo(cwd: string): Promise<boolean> {
  return (await run('git', ['rev-parse', '--git-dir'], { cwd })).code === 0;
}

export async function tagExists(cwd: string, tag: string): Promise<boolean> {
  return (await run('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], { cwd })).code === 0;
}

/** Annotated, like changesets' own tags: `git push --follow-tags` pushes only annotated tags. */
export async function createTag(cwd: string, tag: string, message: string = tag): Promise<void> {
  const result = await run('git', ['tag', '-a', tag, '-m', message], { cwd });
  if (result.code !== 0) throw new Error(`git tag ${tag} failed: ${result.stderr.trim()}`);
}

export async function remotes(cwd: string): Promise<string[]> {
  const result = await run('git', ['remote'], { cwd });
  return result.code === 0 ? result.stdout.split('\n').filter(Boolean) : [];
}

export async function pushFollowTags(cwd: string, log: ReleaseLog): Promise<{ ok: boolean; message: string }> {
  const result = await run('git', ['push', '--follow-tags'], { cwd, echo: { prefix: '  │ ', log } });
  return { ok: result.code === 0, message: result.stderr.trim().split('\n').pop() ?? '' };
}
