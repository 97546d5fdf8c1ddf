import type { Bump } from '@promptpack/spec';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const pattern = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

/** A strict semver 2.0 version, or undefined. Build metadata is ignored, as semver says. */
export function parseVersion(version: string): SemVer | undefined {
  const match = pattern.exec(version.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4]?.split('.') ?? [] };
}

/** Semver precedence: negative when a < b. Unparsable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return left ? 1 : right ? -1 : 0;
  return left.major - right.major || left.minor - right.minor || left.patch - right.patch || comparePrerelease(left.prerelease, right.prerelease);
}

/**
 * The bump a version change amounts to (1.2.3 -> 1.3.0 is minor), 'none' when
 * the version did not move forward. A prerelease of the next version counts as
 * that bump (1.2.3 -> 2.0.0-next.0 is major).
 */
export function versionBump(from: string, to: string): Bump {
  const before = parseVersion(from);
  const after = parseVersion(to);
  if (!before || !after || compareVersions(from, to) >= 0) return 'none';
  if (after.major !== before.major) return 'major';
  if (after.minor !== before.minor) return 'minor';
  return 'patch';
}

function comparePrerelease(a: readonly string[], b: readonly string[]): number {
  // A release outranks its prereleases: 1.0.0 > 1.0.0-rc.1.
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    if (/^\d+$/.test(x)) return -1;
    if (/^\d+$/.test(y)) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
