import { describe, expect, it } from 'vitest';
import { releaseBase } from '../git/release-tags.js';
import { compareVersions, parseVersion, versionBump } from './versions.js';

describe('versions', () => {
  it('parses strict semver and rejects the rest', () => {
    expect(parseVersion('1.2.3-rc.1+build.5')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'] });
    for (const bad of ['1.2', '01.2.3', '1.2.3.4', 'latest', '', '1.0.0-01']) expect(parseVersion(bad)).toBeUndefined();
  });

  it('orders by semver precedence, not by text', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.10', '1.2.0-rc.2', '1.2.0-alpha', '0.9.9'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.9', '1.2.0-alpha', '1.2.0-rc.2', '1.2.0-rc.10', '1.2.0', '1.10.0']);
  });

  it.each([
    ['1.2.3', '1.2.4', 'patch'],
    ['1.2.3', '1.3.0', 'minor'],
    ['1.2.3', '2.0.0', 'major'],
    ['0.1.0', '1.0.0', 'major'],
    ['1.2.3', '2.0.0-next.0', 'major'],
    ['1.0.0-rc.1', '1.0.0', 'major'],
    ['1.2.0-rc.1', '1.2.0', 'minor'],
    ['1.2.3-rc.1', '1.2.3', 'patch'],
    ['1.0.0-rc.1', '1.0.0-rc.2', 'patch'],
    ['1.2.3', '1.2.3', 'none'],
    ['1.3.0', '1.2.9', 'none'],
  ] as const)('%s -> %s is %s', (from, to, bump) => {
    expect(versionBump(from, to)).toBe(bump);
  });
});

describe('releaseBase', () => {
  const tags = ['1.0.0', '1.0.1', '1.1.0', '2.0.0'].map((version) => ({ tag: `@acme/prompt-x@${version}`, version }));

  it('is the highest release below a version changesets just wrote', () => {
    expect(releaseBase(tags, '1.2.0')?.version).toBe('1.1.0');
  });

  it('is the release itself when the current version is already tagged', () => {
    expect(releaseBase(tags, '1.1.0')?.version).toBe('1.1.0');
  });

  it('ignores tags above the current version and is undefined before the first release', () => {
    expect(releaseBase(tags, '1.0.5')?.version).toBe('1.0.1');
    expect(releaseBase(tags, '0.9.0')).toBeUndefined();
    expect(releaseBase([], '1.0.0')).toBeUndefined();
  });
});
