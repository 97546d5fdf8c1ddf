import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import readModule from '@changesets/read';
import { maxBump } from '@promptpack/core';
import type { Bump } from '@promptpack/spec';

// @changesets/read is CommonJS with an ESM wrapper: ESM gets the function as
// the default export, our CJS bundle gets the module object holding it.
const getChangesets: typeof readModule =
  typeof readModule === 'function' ? readModule : (readModule as unknown as { default: typeof readModule }).default;

/** What the pending changesets say about one package: the largest bump any of them declares. */
export interface DeclaredRelease {
  bump: Bump;
  /** Ids (file names without .md) of the changesets that name the package. */
  changesets: string[];
}

/**
 * Reads the pending changesets (`.changeset/*.md`) with changesets' own
 * reader, so front matter is understood exactly as `changeset version` will
 * understand it. A repository without a `.changeset` folder has none pending.
 */
export async function readDeclaredReleases(changesetRoot: string): Promise<Map<string, DeclaredRelease>> {
  const declared = new Map<string, DeclaredRelease>();
  if (!existsSync(path.join(changesetRoot, '.changeset'))) return declared;
  for (const changeset of await getChangesets(changesetRoot)) {
    for (const release of changeset.releases) {
      const entry = declared.get(release.name) ?? { bump: 'none', changesets: [] };
      entry.bump = maxBump(entry.bump, release.type);
      entry.changesets.push(changeset.id);
      declared.set(release.name, entry);
    }
  }
  return declared;
}

/**
 * The folder holding `.changeset/`: the nearest one from `cwd` up to the
 * repository root (a workspace may live in a subfolder of the repository),
 * else the repository root.
 */
export function findChangesetRoot(cwd: string, repoRoot: string): string {
  const top = path.resolve(repoRoot);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.changeset');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return dir;
    if (dir === top || path.dirname(dir) === dir) return top;
  }
}
