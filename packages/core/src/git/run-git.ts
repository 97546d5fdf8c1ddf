import { execFileSync } from 'node:child_process';
import { PromptpackError } from '@promptpack/spec';

export type GitResult = { ok: true; stdout: string } | { ok: false; stderr: string; status: number | null };

/**
 * Runs git in `repoRoot` and returns its output, or the failure as data so
 * callers can turn "no such path at that ref" into a normal answer. Throws
 * only when git itself cannot run.
 */
export function runGit(repoRoot: string, args: readonly string[]): GitResult {
  try {
    const stdout = execFileSync('git', [...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      // Prompt files are small, but a repository's tag list or tree need not be.
      maxBuffer: 256 * 1024 * 1024,
    });
    return { ok: true, stdout };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string | Buffer; status?: number | null };
    if (failure.code === 'ENOENT') {
      throw new PromptpackError('git/failed', 'Cannot run git: it is not installed or not on PATH.', {
        hint: 'Install git (https://git-scm.com) and run the command again.',
      });
    }
    if (failure.status === undefined && failure.stderr === undefined) throw error;
    return { ok: false, stderr: String(failure.stderr ?? '').trim(), status: failure.status ?? null };
  }
}

/** `runGit` for commands that must succeed; the error says what was attempted and git's own words. */
export function git(repoRoot: string, args: readonly string[], what: string, hint?: string): string {
  const result = runGit(repoRoot, args);
  if (result.ok) return result.stdout;
  throw gitFailure(args, result.stderr, what, hint);
}

export function gitFailure(args: readonly string[], stderr: string, what: string, hint?: string): PromptpackError {
  const said = stderr ? `: ${firstLine(stderr)}` : '.';
  return new PromptpackError('git/failed', `Cannot ${what}: git ${args.join(' ')} failed${said}`, hint ? { hint } : {});
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text;
}

/** Git paths use `/` on every platform. */
export function toGitPath(relative: string): string {
  return relative.split(/[\\/]+/).filter(Boolean).join('/');
}
