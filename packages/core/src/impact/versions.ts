import type { Bump } from '@promptpack/spec';
import semver from 'semver';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

/**
 * A strict semver 2.0 version, or undefined. Build metadata is ignored, as
 * semver says. Parsing, ordering and bumps all come from npm's own `semver`
 * package, so promptpack agrees with npm and changesets on every edge
 * (`1.0.0-01` is not a version; `1.0.0-rc.1 -> 1.0.0` is a major release).
 */
export function parseVersion(version: string): SemVer | undefined {
  const parsed = semver.parse(version.trim());
  if (!parsed) return undefined;
  return { major: parsed.major, minor: parsed.minor, patch: parsed.patch, prerelease: parsed.prerelease.map(String) };
}

/** Semver precedence: negative when a < b. Unparsable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const left = semver.parse(a.trim());
  const right = semver.parse(b.trim());
  if (!left || !right) return left ? 1 : right ? -1 : 0;
  return semver.compare(left, right);
}

const bumpOfDifference: Record<semver.ReleaseType, Bump> = {
  major: 'major',
  premajor: 'major',
  minor: 'minor',
  preminor: 'minor',
  patch: 'patch',
  prepatch: 'patch',
  // One prerelease to the next of the same version: the smallest step there is.
  prerelease: 'patch',
  release: 'patch',
};

/**
 * The bump a version change amounts to (1.2.3 -> 1.3.0 is minor), 'none' when
 * the version did not move forward. A prerelease of the next version counts as
 * that bump (1.2.3 -> 2.0.0-next.0 is major), and so does its release
 * (1.0.0-rc.1 -> 1.0.0 releases a major version: semver's own diff).
 */
export function versionBump(from: string, to: string): Bump {
  const before = semver.parse(from.trim());
  const after = semver.parse(to.trim());
  if (!before || !after || semver.compare(before, after) >= 0) return 'none';
  const difference = semver.diff(before, after);
  return difference ? bumpOfDifference[difference] : 'none';
}
