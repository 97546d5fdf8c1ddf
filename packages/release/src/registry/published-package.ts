// A published version's files, read from its tarball on the registry: what
// `promptpack diff` compares and what a release checks a conflict against.
import { downloadTarball, defaultTarballLimits, type TarballLimits } from './download-tarball.js';
import { fetchPackument } from './fetch-packument.js';
import type { RegistryTarget } from './npm-config.js';
import { readPackageFiles } from './read-tarball.js';

export interface PublishedPackage {
  registry: string;
  tarball: string;
  /** What was verified about the tarball: `sha512 integrity verified`. */
  verified: string;
  /** Text of each file npm installs, by path inside the package (`policy.md`, `dist/manifest.json`). */
  files: Map<string, string>;
}

/** Why a version could not be read: the caller falls back (diff: the release tag) or explains. */
export type RegistryMiss =
  | { kind: 'unreachable'; registry: string; reason: string }
  | { kind: 'no-package'; registry: string }
  | { kind: 'no-version'; registry: string; versions: string[] };

/**
 * `name@version` from the registry, its tarball checked against the
 * packument's integrity and bounded in size. Throws ReleaseError for what a
 * fallback must not paper over: an invalid name, refused credentials, a
 * tarball without integrity, altered, oversized or malformed.
 */
export async function fetchPublishedPackage(target: RegistryTarget, name: string, version: string, limits: TarballLimits = defaultTarballLimits): Promise<PublishedPackage | RegistryMiss> {
  const { registry } = target;
  const read = await fetchPackument(target, name);
  if (read.kind === 'not-found') return { kind: 'no-package', registry };
  if (read.kind === 'unreachable') return { kind: 'unreachable', registry, reason: read.reason };
  const dist = read.packument.versions[version]?.dist;
  if (!dist?.tarball) return { kind: 'no-version', registry, versions: Object.keys(read.packument.versions) };

  const what = `${name}@${version}`;
  const downloaded = await downloadTarball(target, what, { ...dist, tarball: dist.tarball }, limits);
  if ('kind' in downloaded) {
    return { kind: 'unreachable', registry, reason: downloaded.kind === 'not-found' ? `GET ${dist.tarball} answered HTTP 404` : downloaded.reason };
  }
  const files = new Map<string, string>();
  for (const [file, content] of await readPackageFiles(downloaded.bytes, what, limits.maxInflatedBytes)) files.set(file, content.toString('utf8'));
  return { registry, tarball: dist.tarball, verified: downloaded.verified, files };
}
