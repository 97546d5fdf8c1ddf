// Downloads a version's tarball with a size limit and checks it against the
// integrity the packument lists before anything reads it.
import npmFetch from 'npm-registry-fetch';
import ssri from 'ssri';
import { ReleaseError } from '../release-error.js';
import type { PackumentDist } from './fetch-packument.js';
import type { RegistryTarget } from './npm-config.js';
import { classifyFailure, requestOptions, type RequestMiss } from './registry-request.js';

export interface TarballLimits {
  /** Compressed bytes accepted from the network. */
  maxDownloadBytes: number;
  /** Bytes the archive may inflate to (a gzip bomb stops here, not at the machine's memory). */
  maxInflatedBytes: number;
}

/** Prompt packages are kilobytes; these leave room for large ones and stop hostile ones. */
export const defaultTarballLimits: TarballLimits = { maxDownloadBytes: 32 * 1024 * 1024, maxInflatedBytes: 128 * 1024 * 1024 };

export interface DownloadedTarball {
  bytes: Buffer;
  /** What was verified, for the reader: `sha512 integrity verified`. */
  verified: string;
}

export async function downloadTarball(target: RegistryTarget, what: string, dist: PackumentDist & { tarball: string }, limits: TarballLimits): Promise<DownloadedTarball | RequestMiss> {
  // No integrity, nothing to check the bytes against: refuse rather than
  // show a reviewer contents nobody can vouch for.
  const integrity = dist.integrity ? ssri.parse(dist.integrity) : undefined;
  const algorithm = integrity?.pickAlgorithm();
  if (!integrity || !algorithm) {
    throw new ReleaseError('registry/no-integrity', `The registry ${target.registry} lists no usable integrity hash (dist.integrity${dist.integrity ? ` is ${JSON.stringify(dist.integrity.slice(0, 40))}` : ' is missing'}) for ${what}, so its tarball cannot be verified.`, {
      hint: 'Use a registry that records integrity for each version (npm, Verdaccio, GitHub Packages and Artifactory all do), or republish the version there.',
    });
  }
  let response: Awaited<ReturnType<typeof npmFetch>>;
  try {
    response = await npmFetch(dist.tarball, requestOptions(target));
  } catch (error) {
    return classifyFailure(error, target, dist.tarball);
  }
  const body = response.body as unknown as AsyncIterable<Buffer> & { destroy(): void };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxDownloadBytes) {
    body.destroy();
    throw tooLarge(what, dist.tarball, `${declared} bytes`, limits.maxDownloadBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limits.maxDownloadBytes) {
      body.destroy();
      throw tooLarge(what, dist.tarball, 'stopped reading', limits.maxDownloadBytes);
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (!ssri.checkData(bytes, integrity)) {
    const actual = ssri.fromData(bytes, { algorithms: [algorithm] }).toString();
    throw new ReleaseError('registry/integrity', `The tarball of ${what} (${dist.tarball}) does not match the integrity the registry lists (expected ${integrity.toString()}, got ${actual}): it was altered or truncated on the way.`, {
      hint: 'Run the command again; if it persists, tell whoever runs the registry. Do not review or release from this copy.',
    });
  }
  return { bytes, verified: `${algorithm} integrity verified` };
}

export function tooLarge(what: string, where: string, detail: string, limit: number): ReleaseError {
  return new ReleaseError('registry/too-large', `The tarball of ${what} (${where}) is larger than the limit of ${limit} bytes (${detail}), so it was not read.`, {
    hint: 'A prompt package is a few kilobytes; this one is not a prompt package, or it was tampered with. Check what was published under this version.',
  });
}
