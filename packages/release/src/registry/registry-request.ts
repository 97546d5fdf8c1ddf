// Requests to a registry through npm-registry-fetch, npm's own client: it
// sends a credential only to the registry that credential is configured for
// (a `dist.tarball` on another host gets none), honours proxies, TLS settings
// and retries from the npm config, and reports HTTP failures with a status.
import npmFetch from 'npm-registry-fetch';
import { ReleaseError } from '../release-error.js';
import type { RegistryTarget } from './npm-config.js';

/** What a registry said, when it said anything but "here it is". */
export type RequestMiss = { kind: 'not-found' } | { kind: 'unreachable'; reason: string };

export function requestOptions(target: RegistryTarget): npmFetch.Options {
  const retry = (target.options.retry ?? {}) as { retries?: number; minTimeout?: number; maxTimeout?: number };
  return {
    ...(target.options as npmFetch.Options),
    registry: target.registry,
    // npm waits 10 s, then 60 s between retries: minutes of silence before
    // "unreachable". A read retries once at most, within a second.
    retry: { retries: Math.min(retry.retries ?? 1, 1), minTimeout: Math.min(retry.minTimeout ?? 500, 500), maxTimeout: Math.min(retry.maxTimeout ?? 1000, 1000), factor: 2 },
    timeout: Math.min(Number(target.options.timeout ?? 30_000) || 30_000, 30_000),
  };
}

/**
 * Turns a failed request into a miss (404, network errors, 5xx), or throws
 * for what no retry or fallback can fix: the registry refuses the credentials.
 */
export function classifyFailure(error: unknown, target: RegistryTarget, url: string): RequestMiss {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 404) return { kind: 'not-found' };
  if (status === 401 || status === 403) throw unauthorized(target, url, status);
  if (status !== undefined) return { kind: 'unreachable', reason: `GET ${url} answered HTTP ${status}` };
  // A system error's code (ECONNREFUSED, ENOTFOUND, ETIMEDOUT) says it; the message only repeats the URL around it.
  const code = (error as { code?: string }).code;
  if (code !== undefined && /^E[A-Z]+$/.test(code)) return { kind: 'unreachable', reason: code === 'FETCH_ERROR' ? (error as Error).message : code };
  return { kind: 'unreachable', reason: (error as Error).message ?? String(error) };
}

function unauthorized(target: RegistryTarget, url: string, status: number): ReleaseError {
  const host = new URL(target.registry).host;
  const what = status === 401 ? 'asks for credentials (HTTP 401)' : 'refuses these credentials (HTTP 403)';
  return new ReleaseError('registry/unauthorized', `The registry ${target.registry} (${target.source}) ${what} for GET ${url}.`, {
    hint:
      `Give npm a token for it, e.g. a line "//${host}${new URL(target.registry).pathname}:_authToken=\${NPM_TOKEN}" in the project's .npmrc with NPM_TOKEN set in the environment ` +
      `(or \`npm login --registry ${target.registry}\`), and check that the token may read this package. npm itself reads the same settings.`,
  });
}
