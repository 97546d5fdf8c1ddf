import npmFetch from 'npm-registry-fetch';
import { classifyFailure, requestOptions, type RequestMiss } from './registry-request.js';
import type { RegistryTarget } from './npm-config.js';
import { packumentUrl } from './package-name.js';

/** The fields of a version's `dist` that reading and verifying a tarball needs. */
export interface PackumentDist {
  tarball?: string;
  integrity?: string;
  shasum?: string;
}

export interface Packument {
  name?: string;
  versions: Record<string, { dist?: PackumentDist }>;
}

export type PackumentRead = { kind: 'found'; url: string; packument: Packument } | RequestMiss;

/** The registry's document for `name` (every version and its dist); a validated name is the only path segment. */
export async function fetchPackument(target: RegistryTarget, name: string): Promise<PackumentRead> {
  const url = packumentUrl(target.registry, name);
  try {
    // The full packument (not the abbreviated install document), uncached: a version published seconds ago must show.
    const body = (await npmFetch.json(url, { ...requestOptions(target), headers: { accept: 'application/json' } })) as Partial<Packument>;
    const versions = typeof body.versions === 'object' && body.versions !== null ? body.versions : {};
    return { kind: 'found', url, packument: { ...body, versions } };
  } catch (error) {
    return classifyFailure(error, target, url);
  }
}
