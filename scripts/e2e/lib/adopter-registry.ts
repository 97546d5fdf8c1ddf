// Fills one local registry with everything an adopter installs: the
// promptpack tooling (published by the tooling:publish code, as a team would
// publish it to its own registry) and every third-party package the tooling,
// @changesets/cli and the prompt packages need, seeded from this workspace's
// pnpm store (the registry has no uplink).
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promptRuntimeVersions, toolingDependencies } from '@promptpack/scaffold';
import { type PackageManifest, putPackage } from '../../registry/put-package.js';
import { seedDependencies } from '../../registry/seed-dependencies.js';
import { publishTooling, type PublishToolingResult } from '../../tooling/publish-tooling.js';
import { toolingPackages, type ToolingPackage } from '../../tooling/workspace-packages.js';
import { repoRoot } from './scratch-repo.js';

// The pnpm a scaffolded pnpm repository names (packages/scaffold/src/package-manager.ts).
const pnpmVersion = '12.21.0';

export interface AdopterRegistryContents {
  tooling: PublishToolingResult;
  /** `name@version` of every seeded third-party package (the whole closure). */
  seeded: string[];
  /** The roots the closure was taken from. */
  roots: string[];
}

/**
 * The exact `name@version` of each third-party runtime dependency of the
 * published tooling, as installed for it in this workspace (which is what the
 * lockfile pins), plus @changesets/cli and the prompt packages' runtime.
 */
export function seedRoots(packages: readonly ToolingPackage[] = toolingPackages()): string[] {
  const names = new Set(packages.map((item) => item.name));
  const roots = new Set<string>();
  for (const item of packages) {
    for (const dependency of Object.keys(item.manifest.dependencies ?? {})) {
      if (!names.has(dependency)) roots.add(installedSpec(item.dir, dependency, item.name));
    }
  }
  roots.add(installedSpec(repoRoot, '@changesets/cli', 'the workspace root'));
  for (const [name, version] of Object.entries(promptRuntimeVersions)) roots.add(`${name}@${version}`);
  return [...roots].sort();
}

// Read from node_modules/<dependency> itself: require.resolve would refuse
// packages whose `exports` do not list ./package.json (openai).
function installedSpec(dir: string, dependency: string, owner: string): string {
  const manifestPath = path.join(dir, 'node_modules', dependency, 'package.json');
  if (!existsSync(manifestPath)) throw new Error(`${owner} depends on ${dependency}, which is not installed for it (no ${manifestPath}); run pnpm install.`);
  const { version } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  const pinned = toolingDependencies()['@changesets/cli'];
  if (dependency === '@changesets/cli' && version !== pinned) {
    throw new Error(`The workspace has @changesets/cli ${version}; a scaffolded repository pins ${pinned}. Align them before seeding.`);
  }
  return `${dependency}@${version}`;
}

/**
 * Publishes the tooling (without rebuilding: the caller built it) and seeds
 * the third-party closure, concurrently. `npmrcDir` receives the npm user
 * config with the registry token the publishes need. `pnpm: false` leaves
 * pnpm itself out (an npm-only adopter does not need it).
 */
export async function fillAdopterRegistry(registryUrl: string, npmrcDir: string, options: { log?: (line: string) => void; pnpm?: boolean } = {}): Promise<AdopterRegistryContents> {
  const log = options.log ?? (() => {});
  const url = new URL(registryUrl);
  const userconfig = path.join(npmrcDir, 'publisher.npmrc');
  writeFileSync(userconfig, `//${url.host}${url.pathname}:_authToken=local\n`);
  const env = { ...process.env, npm_config_userconfig: userconfig, npm_config_cache: path.join(npmrcDir, 'publisher-npm-cache') };
  const roots = seedRoots();
  const [tooling, seeded] = await Promise.all([
    publishTooling({ registry: url.href, build: false, env, log }),
    seedDependencies(url.href, roots),
    options.pnpm === false ? undefined : seedPnpm(url, path.join(npmrcDir, 'pnpm-seed')),
  ]);
  return { tooling, seeded: options.pnpm === false ? seeded : [...seeded, `pnpm@${pnpmVersion}`].sort(), roots };
}

/**
 * A pnpm repository names its pnpm (`packageManager: pnpm@<version>`), and
 * pnpm 12 fetches that version from the registry as a config dependency; a
 * team's registry proxies npmjs, this one has no uplink. The copy in .tools/
 * is published without its platform binaries (optional; the JavaScript pnpm
 * runs on Node) and without its install scripts.
 */
async function seedPnpm(registry: URL, scratch: string): Promise<void> {
  const copy = path.join(scratch, 'package');
  cpSync(path.join(repoRoot, '.tools/node_modules/pnpm'), copy, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8')) as PackageManifest;
  if (manifest.version !== pnpmVersion) throw new Error(`.tools/ has pnpm ${manifest.version}; a scaffolded repository names pnpm@${pnpmVersion}. Run scripts/bootstrap.sh.`);
  delete manifest.scripts;
  delete manifest.optionalDependencies;
  writeFileSync(path.join(copy, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  try {
    await putPackage(registry, scratch, manifest);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
