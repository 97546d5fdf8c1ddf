import { compareVersions, parseVersion } from '../impact/versions.js';
import { git } from './run-git.js';

/** A git tag changesets made when it published a package: `<package-name>@<version>`. */
export interface ReleaseTag {
  tag: string;
  version: string;
}

/** The release tags of one package, oldest version first; tags whose version is not semver are skipped. */
export function listReleaseTags(repoRoot: string, packageName: string): ReleaseTag[] {
  const prefix = `${packageName}@`;
  const listing = git(repoRoot, ['tag', '--list', `${prefix}*`], `list the release tags of ${packageName}`);
  return listing
    .split('\n')
    .map((tag) => tag.trim())
    .filter((tag) => tag.startsWith(prefix) && parseVersion(tag.slice(prefix.length)))
    .map((tag) => ({ tag, version: tag.slice(prefix.length) }))
    .sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * The release a package at `currentVersion` is compared with before it is
 * published. After `changeset version` the package.json is ahead of every
 * tag, so that is the highest tag below it. When the current version is
 * already tagged it was released, and the tag itself is the base: anything
 * changed since then needs a new version, or it would never be published.
 * Tags above the current version (a version that went backwards) are ignored.
 */
export function releaseBase(tags: readonly ReleaseTag[], currentVersion: string): ReleaseTag | undefined {
  const candidates = tags.filter((tag) => compareVersions(tag.version, currentVersion) <= 0);
  return candidates.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
}
