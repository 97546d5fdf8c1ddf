import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PromptpackError } from '@promptpack/spec';
import { readTarball } from './tar.js';

/** A published version's files, read from its tarball on the registry. */
export interface PublishedPackage {
  registry: string;
  tarball: string;
  /** What was verified about the tarball: `sha512 integrity verified`. */
  verified: string;
  /** Files by path inside the package (`policy.md`, `dist/manifest.json`), `package/` prefix removed. */
  files: Map<string, string>;
}

/** Why a version could not be read from the registry: the caller falls back to the release tag, or explains. */
export type RegistryMiss =
  | { kind: 'unreachable'; registry: string; reason: string }
  | { kind: 'no-package'; registry: string }
  | { kind: 'no-version'; registry: string; versions: string[] };

const timeoutMs = 15_000;

/**
 * The registry `@scope/name` is published to: `--registry`, else the
 * scope's line in the repository's .npmrc (`@acme:registry=…`); undefined
 * when neither says (the public registry never holds private prompts).
 */
export function registryFor(packageName: string, given: string | undefined, repoRoot: string): string | undefined {
  if (given) return given.endsWith('/') ? given : `${given}/`;
  const scope = packageName.startsWith('@') ? packageName.split('/')[0] : undefined;
  const npmrc = path.join(repoRoot, '.npmrc');
  if (!scope || !existsSync(npmrc)) return undefined;
  for (const line of readFileSync(npmrc, 'utf8').split('\n')) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(line);
    if (match?.[1] === `${scope}:registry`) return match[2]!.endsWith('/') ? match[2]! : `${match[2]!}/`;
  }
  return undefined;
}

/** Fetches `name@version` from `registry` and unpacks it, checking the tarball against the registry's integrity hash. */
export async function fetchPublishedPackage(registry: string, name: string, version: string): Promise<PublishedPackage | RegistryMiss> {
  const packument = await getJson(registry, new URL(name.replace('/', '%2f'), registry).href);
  if ('kind' in packument) return packument.kind === 'not-found' ? { kind: 'no-package', registry } : packument;
  const versions = (packument.body as { versions?: Record<string, { dist?: { tarball?: string; integrity?: string; shasum?: string } }> }).versions ?? {};
  const dist = versions[version]?.dist;
  if (!dist?.tarball) return { kind: 'no-version', registry, versions: Object.keys(versions) };

  let bytes: Buffer;
  try {
    const response = await fetch(dist.tarball, { headers: authHeaders(), signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { kind: 'unreachable', registry, reason: `GET ${dist.tarball} answered HTTP ${response.status}` };
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    return { kind: 'unreachable', registry, reason: reason(error) };
  }
  const verified = verify(bytes, dist, `${name}@${version}`);
  const files = new Map<string, string>();
  for (const [file, content] of readTarball(bytes)) files.set(file.replace(/^[^/]+\//, ''), content.toString('utf8'));
  return { registry, tarball: dist.tarball, verified, files };
}

function verify(bytes: Buffer, dist: { integrity?: string; shasum?: string }, what: string): string {
  const sri = dist.integrity?.split(/\s+/).find((entry) => entry.startsWith('sha512-'));
  if (sri) {
    const actual = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
    if (actual !== sri) throw tampered(what, sri, actual);
    return 'sha512 integrity verified';
  }
  if (dist.shasum) {
    const actual = createHash('sha1').update(bytes).digest('hex');
    if (actual !== dist.shasum) throw tampered(what, dist.shasum, actual);
    return 'sha1 shasum verified';
  }
  return 'the registry gave no checksum to verify';
}

function tampered(what: string, expected: string, actual: string): PromptpackError {
  return new PromptpackError('prompt/invalid', `The tarball of ${what} does not match the checksum the registry lists (expected ${expected}, got ${actual}): it was altered or truncated in transit.`, {
    hint: 'Run the command again; if it persists, tell whoever runs the registry. Do not review from this copy.',
  });
}

async function getJson(registry: string, url: string): Promise<{ body: unknown } | { kind: 'not-found' } | { kind: 'unreachable'; registry: string; reason: string }> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...authHeaders() }, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 404) {
      await response.body?.cancel();
      return { kind: 'not-found' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      return { kind: 'unreachable', registry, reason: `GET ${url} answered HTTP ${response.status}` };
    }
    return { body: await response.json() };
  } catch (error) {
    return { kind: 'unreachable', registry, reason: reason(error) };
  }
}

// A private registry needs a token: the one CI exports for npm (release.yml) serves here too.
function authHeaders(): Record<string, string> {
  const token = process.env.NODE_AUTH_TOKEN || process.env.NPM_TOKEN;
  return token ? { authorization: `Bearer ${token}` } : {};
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
