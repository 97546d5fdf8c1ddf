// A fresh consumer project outside the workspace that installs prompt
// package versions side by side (npm aliases) from a registry.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type CommandResult, runCommand } from './release-cli.js';
import { repoRoot } from './scratch-repo.js';

export type PackageManager = 'pnpm' | 'npm';

export interface ConsumerOptions {
  registryUrl: string;
  /** alias -> npm:<name>@<version> */
  dependencies: Record<string, string>;
  packageManager: PackageManager;
  /** Further package.json fields (name, type, scripts…); `dependencies` above wins. */
  manifest?: Record<string, unknown>;
}

export function pnpmBin(): string {
  return path.join(repoRoot, '.tools/node_modules/.bin/pnpm');
}

export async function createConsumer(dir: string, options: ConsumerOptions): Promise<CommandResult> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = new URL(options.registryUrl);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'prompt-consumer', private: true, ...options.manifest, dependencies: options.dependencies }, null, 2)}\n`);
  writeFileSync(path.join(dir, '.npmrc'), `registry=${url.href}\n//${url.host}${url.pathname}:_authToken=local\n`);
  if (options.packageManager === 'pnpm') {
    // Everything on the local registry was published minutes ago; pnpm's
    // minimumReleaseAge would otherwise hold it back (TOOLCHAIN.md).
    writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), 'minimumReleaseAge: 0\n');
    return runCommand(pnpmBin(), ['install', '--reporter=append-only'], { cwd: dir });
  }
  return runCommand('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
}
