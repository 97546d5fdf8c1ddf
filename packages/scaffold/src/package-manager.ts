import type { PackageManager } from './scaffold-file.js';

/** How a scaffolded repository spells its commands for the package manager it uses. */
export interface PackageManagerCommands {
  /** Installs from the lockfile in CI. */
  ci: string;
  install: string;
  /** Runs a locally installed bin: `${exec} promptpack build`. */
  exec: string;
  /** The lockfile CI installs from; commit it. */
  lockfile: string;
}

export function packageManagerCommands(packageManager: PackageManager): PackageManagerCommands {
  return packageManager === 'pnpm'
    ? { ci: 'pnpm install --frozen-lockfile', install: 'pnpm install', exec: 'pnpm exec', lockfile: 'pnpm-lock.yaml' }
    : { ci: 'npm ci', install: 'npm install', exec: 'npx', lockfile: 'package-lock.json' };
}

// pnpm 12 is the newest pnpm that runs on Node 20, the oldest Node the tooling supports.
export const pnpmVersion = '12.21.0';
