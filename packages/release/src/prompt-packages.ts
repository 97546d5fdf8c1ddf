// The packages a release publishes: every workspace package with a
// prompt.yaml that is not private, found the way changesets finds packages
// (@manypkg/get-packages: npm, pnpm, yarn and lerna workspaces). Tooling and
// other packages of the workspace are not part of a prompt release.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getPackages } from '@manypkg/get-packages';

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
  const { root, packages } = await getPackages(cwd);
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
