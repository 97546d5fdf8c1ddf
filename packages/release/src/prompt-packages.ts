// The packages a release publishes: every workspace package with a
// prompt.yaml that is not private, found the way changesets finds packages
// (@manypkg/get-packages: npm, pnpm, yarn and lerna workspaces). Tooling and
// other packages of the workspace are not part of a prompt release.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getPackages, type Packages } from '@manypkg/get-packages';
import { ReleaseError } from './release-error.js';

export interface PromptPackage {
  name: string;
  version: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** The folder's name: the prompt id (`support-reply`). */
  folder: string;
  /** The folder relative to the workspace root, `/`-separated (`prompts/support-reply`), for messages. */
  relativeDir: string;
}

export interface PromptWorkspace {
  /** The workspace root: where package.json (and pnpm-workspace.yaml) live. */
  root: string;
  packages: PromptPackage[];
}

export async function findPromptWorkspace(cwd: string): Promise<PromptWorkspace> {
  const { root, packages } = await workspaceAround(cwd);
  const prompts = packages
    .filter((pkg) => existsSync(path.join(pkg.dir, 'prompt.yaml')) && !pkg.packageJson.private && pkg.packageJson.name && pkg.packageJson.version)
    .map((pkg) => ({
      name: pkg.packageJson.name,
      version: pkg.packageJson.version,
      dir: pkg.dir,
      folder: path.basename(pkg.dir),
      relativeDir: path.relative(root.dir, pkg.dir).split(path.sep).join('/'),
    }));
  return { root: root.dir, packages: prompts.sort((a, b) => a.name.localeCompare(b.name)) };
}

export function scopeOf(name: string): string | undefined {
  return name.startsWith('@') ? name.split('/')[0] : undefined;
}

export function tagName(pkg: Pick<PromptPackage, 'name' | 'version'>): string {
  return `${pkg.name}@${pkg.version}`;
}

/**
 * A release belongs to a prompts repository: its root names the prompt
 * folders (npm `workspaces` or pnpm-workspace.yaml). Without one, manypkg
 * either finds no package.json at all (and throws its own bare error) or
 * takes the nearest package.json, a lone prompt folder, as a one-package
 * "workspace"; releasing that would tag and publish outside any repository
 * the team's changesets and CI know. Both are refused the same way.
 */
async function workspaceAround(cwd: string): Promise<Packages> {
  let found: Packages | undefined;
  try {
    found = await getPackages(cwd);
  } catch (error) {
    // find-root's class sets no `name`; its constructor is the only mark it has.
    if ((error as Error | undefined)?.constructor?.name !== 'NoPkgJsonFound') throw error;
  }
  if (found && found.tool !== 'root') return found;
  const nearest = found ? ` (the nearest package.json, ${path.join(found.root.dir, 'package.json')}, is a single package)` : ' (no package.json in it or above it)';
  throw new ReleaseError(
    'release/no-workspace',
    `${cwd} is not inside an npm or pnpm workspace${nearest}: promptpack release publishes the prompt packages a workspace root lists, in package.json "workspaces" or pnpm-workspace.yaml. Nothing was published.`,
    { hint: 'run it from your prompts repository (its root package.json has "workspaces": ["prompts/*"]), or create one: npm create promptpack@latest my-prompts (promptpack init inside an existing repository).' },
  );
}
