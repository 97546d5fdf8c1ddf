// A team's own prompts repository, made and released exactly as the README's
// "Use promptpack in your own repository" tells an adopter: create, install,
// new, validate, build, approve the policies, a changeset, version, release.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AdopterShell } from './adopter-environment.js';
import type { CommandResult } from './release-cli.js';
import type { PackageManager } from './consumer.js';

export interface AdopterRepository {
  dir: string;
  packageManager: PackageManager;
  /** `npx <args>` or `pnpm exec <args>` in the repository. */
  exec(args: readonly string[]): Promise<CommandResult>;
  /** Every command run so far, as typed (for the report and the README). */
  commands: string[];
  git(...args: string[]): Promise<CommandResult>;
}

// No model is reachable offline and a recording can only be made against one
// (docs/evals.md), so the release takes the recorded override.
export const skipEvalsReason = 'e2e: no model reachable offline';

export async function createAdopterRepository(shell: AdopterShell, packageManager: PackageManager, options: { name: string; scope: string; registryUrl: string; toolingVersion: string }): Promise<AdopterRepository> {
  const commands: string[] = [];
  const dir = path.join(shell.root, options.name);
  const typed = async (cwd: string, command: string, args: readonly string[]) => {
    commands.push([command, ...args].join(' '));
    return shell.run(cwd, command, args);
  };
  const create = `promptpack@${options.toolingVersion}`;
  if (packageManager === 'npm') await typed('.', 'npm', ['create', create, options.name, '--', '--scope', options.scope, '--registry', options.registryUrl]);
  else await typed('.', 'pnpm', ['create', create, options.name, '--pnpm', '--scope', options.scope, '--registry', options.registryUrl]);
  const repository: AdopterRepository = {
    dir,
    packageManager,
    commands,
    exec: (args) => (packageManager === 'npm' ? typed(dir, 'npx', args) : typed(dir, 'pnpm', ['exec', ...args])),
    git: (...args) => typed(dir, 'git', args),
  };
  await repository.git('init', '-q', '-b', 'main');
  await typed(dir, packageManager, ['install']);
  return repository;
}

/** `git add -A && git commit`: check compares with main, and the release wants a clean tree. */
export async function commitAll(repository: AdopterRepository, message: string): Promise<void> {
  await repository.git('add', '-A');
  await repository.git('commit', '-q', '-m', message);
}

/** What `changeset add` writes: front matter naming the package and the bump, then the summary. */
export function writeChangeset(repository: AdopterRepository, file: string, packageName: string, bump: 'major' | 'minor' | 'patch', summary: string): void {
  writeFileSync(path.join(repository.dir, '.changeset', `${file}.md`), `---\n"${packageName}": ${bump}\n---\n\n${summary}\n`);
  repository.commands.push(`# .changeset/${file}.md: "${packageName}": ${bump}`);
}

/** changeset version, commit, promptpack release; returns the version the release published. */
export async function versionAndRelease(repository: AdopterRepository, promptId: string, registryUrl: string): Promise<{ version: string; release: CommandResult }> {
  await repository.exec(['changeset', 'version']);
  await commitAll(repository, 'Version packages');
  const release = await repository.exec(['promptpack', 'release', '--registry', registryUrl, '--skip-evals', '--reason', skipEvalsReason]);
  return { version: promptVersion(repository, promptId), release };
}

export function promptVersion(repository: AdopterRepository, promptId: string): string {
  return (JSON.parse(readFileSync(path.join(repository.dir, 'prompts', promptId, 'package.json'), 'utf8')) as { version: string }).version;
}
