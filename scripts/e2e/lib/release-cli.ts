// Runs `promptpack release` (this checkout's built CLI) in a scratch repo and
// reads back what the registry and git hold, for tests and the demo.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './scratch-repo.js';

export interface CommandResult {
  code: number;
  /** stdout and stderr, interleaved as written. */
  output: string;
  /** stdout alone (e.g. a --json document). */
  stdout: string;
}

export function runCommand(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    const collect = (stream: NodeJS.WriteStream) => (data: Buffer) => {
      output += data.toString();
      if (stream === process.stdout) stdout += data.toString();
      if (options.echo) stream.write(data);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output, stdout }));
  });
}

/**
 * `promptpack release --registry <url>` in `repo`, with this checkout's built CLI (as an adopter runs it
 * from their own repository). No model is reachable here, so the eval gate is overridden
 * (`--skip-evals --reason`) unless `skipEvals: false`.
 */
export function runRelease(repo: string, registryUrl: string, options: { echo?: boolean; extraArgs?: string[]; skipEvals?: string | false } = {}): Promise<CommandResult> {
  const skipEvals = options.skipEvals === false ? [] : ['--skip-evals', '--reason', options.skipEvals ?? 'e2e test'];
  const args = [path.join(repoRoot, 'packages/cli/bin/promptpack.js'), 'release', '--registry', registryUrl, ...skipEvals, ...(options.extraArgs ?? [])];
  return runCommand(process.execPath, args, { cwd: repo, echo: options.echo });
}

/** `changeset <args>` with the workspace's @changesets/cli, in `repo`. */
export function runChangeset(repo: string, args: readonly string[]): Promise<CommandResult> {
  const bin = path.join(path.dirname(createRequire(path.join(repoRoot, 'package.json')).resolve('@changesets/cli/package.json')), 'bin.js');
  return runCommand(process.execPath, [bin, ...args], { cwd: repo });
}

export interface Packument {
  versions: Record<string, { dist: { shasum: string } }>;
  time?: Record<string, string>;
}

/** The registry's packument for `name`, or undefined when it has none. */
export async function fetchPackument(registryUrl: string, name: string): Promise<Packument | undefined> {
  const response = await fetch(new URL(name.replace('/', '%2f'), registryUrl));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${name}: HTTP ${response.status}`);
  return (await response.json()) as Packument;
}

export async function publishedVersions(registryUrl: string, name: string): Promise<string[]> {
  return Object.keys((await fetchPackument(registryUrl, name))?.versions ?? {}).sort();
}

/**
 * `promptpack policy approve <id> --by <by>` in `repo`, with this checkout's
 * CLI: a policy edit needs legal's approval before `check --published` (and
 * so `promptpack release`) lets it through.
 */
export function approvePolicy(repo: string, id: string, by = 'test'): Promise<CommandResult> {
  return runCommand(process.execPath, [path.join(repoRoot, 'packages/cli/bin/promptpack.js'), 'policy', 'approve', id, '--by', by], { cwd: repo });
}
