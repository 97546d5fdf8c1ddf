// Which registry the release talks to, and the environment that makes npm
// (and changesets, which reads `npm_config_<scope>:registry` but not .npmrc)
// use it for every prompt scope.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run.js';

export interface RegistryAccess {
  /** Registry URL per scope, e.g. '@acme' -> 'http://127.0.0.1:4873/'. */
  registries: Map<string, string>;
  /** Environment for every npm and changeset child process. */
  env: NodeJS.ProcessEnv;
  /** Where the registry came from, for the log. */
  source: string;
  cleanup(): void;
}

export class ReleaseConfigError extends Error {}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `registry` given (flag or PROMPTPACK_REGISTRY): a loopback registry gets a
 * throwaway user npmrc with the scope line and a placeholder token (the local
 * Verdaccio accepts anonymous publishes); any other URL only overrides the
 * scope's registry and keeps the user's own npmrc for credentials.
 * Not given: the scope registry from normal npm config (.npmrc), and a scope
 * without one is an error rather than a silent publish to the public registry.
 */
export async function resolveRegistryAccess(root: string, scopes: readonly string[], registry: string | undefined): Promise<RegistryAccess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // npm's default retry backoff (10 s, then 60 s) turns a registry that went
  // down mid-release into minutes of silence; retry twice, within seconds.
  env.npm_config_fetch_retry_mintimeout ??= '1000';
  env.npm_config_fetch_retry_maxtimeout ??= '4000';
  const registries = new Map<string, string>();
  if (registry !== undefined) {
    const url = normalizeUrl(registry);
    for (const scope of scopes) registries.set(scope, url);
    const parsed = new URL(url);
    if (loopbackHosts.has(parsed.hostname)) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'promptpack-npmrc-'));
      const npmrc = path.join(dir, 'npmrc');
      const lines = [...scopes.map((scope) => `${scope}:registry=${url}`), `//${parsed.host}${parsed.pathname}:_authToken=local`];
      writeFileSync(npmrc, `${lines.join('\n')}\n`);
      env.NPM_CONFIG_USERCONFIG = npmrc;
      setScopeEnv(env, registries);
      return { registries, env, source: `${url} (--registry or PROMPTPACK_REGISTRY; temporary npmrc ${npmrc})`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    }
    setScopeEnv(env, registries);
    return { registries, env, source: `${url} (--registry or PROMPTPACK_REGISTRY)`, cleanup: () => {} };
  }
  for (const scope of scopes) {
    const result = await run('npm', ['config', 'get', `${scope}:registry`], { cwd: root, env });
    const value = result.stdout.trim();
    if (result.code !== 0 || value === '' || value === 'undefined') {
      throw new ReleaseConfigError(
        `No registry is configured for ${scope}: refusing to publish to the public npm registry by accident.\n` +
          `  hint: add "${scope}:registry=https://your.registry/" to .npmrc, or pass --registry <url> (e.g. the local one: pnpm registry:start).`,
      );
    }
    registries.set(scope, normalizeUrl(value));
  }
  setScopeEnv(env, registries);
  return { registries, env, source: 'npm config (.npmrc)', cleanup: () => {} };
}

function setScopeEnv(env: NodeJS.ProcessEnv, registries: Map<string, string>): void {
  for (const [scope, url] of registries) env[`npm_config_${scope}:registry`] = url;
}

function normalizeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReleaseConfigError(`Registry "${value}" is not a URL.\n  hint: e.g. --registry http://127.0.0.1:4873/`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
