// Which registry the release talks to, read from the user's npm
// configuration as npm reads it, and the environment that makes every npm
// and changesets child process (changesets reads `npm_config_<scope>:registry`,
// not .npmrc) use that same registry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scopeOf } from './prompt-packages.js';
import { loadNpmConfig, type RegistryTarget, registryTarget, withSlash } from './registry/npm-config.js';
import { ReleaseError } from './release-error.js';

export interface RegistryAccess {
  /** The registry and credentials for one package. */
  targetFor(name: string): RegistryTarget;
  /** Environment for every npm and changeset child process. */
  env: NodeJS.ProcessEnv;
  /** Where the registry came from, for the log. */
  source: string;
  cleanup(): void;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `given` (--registry): every package goes there; a loopback registry gets a
 * throwaway user npmrc with a placeholder token (a local Verdaccio accepts
 * anonymous publishes), any other keeps the user's npmrc for credentials.
 * Not given: each package's scope registry (or an explicit `registry=`) from
 * the npm config; one that only has npm's default is an error rather than a
 * silent publish to the public registry.
 */
export async function resolveRegistryAccess(root: string, names: readonly string[], given: string | undefined, baseEnv: NodeJS.ProcessEnv = process.env): Promise<RegistryAccess> {
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  // npm's default retry backoff (10 s, then 60 s) turns a registry that went
  // down mid-release into minutes of silence; retry twice, within seconds.
  env.npm_config_fetch_retry_mintimeout ??= '1000';
  env.npm_config_fetch_retry_maxtimeout ??= '4000';
  const scopes = [...new Set(names.map((name) => scopeOf(name) ?? ''))];
  let cleanup = () => {};
  let source = 'npm config (.npmrc, npm_config_* environment)';
  if (given !== undefined) {
    const url = normalizeUrl(given);
    const parsed = new URL(url);
    if (loopbackHosts.has(parsed.hostname)) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'promptpack-npmrc-'));
      const npmrc = path.join(dir, 'npmrc');
      // Scope lines too: npm publish (run by changesets) reads them from here.
      const lines = [...scopes.map((scope) => (scope === '' ? `registry=${url}` : `${scope}:registry=${url}`)), `//${parsed.host}${parsed.pathname}:_authToken=local`];
      writeFileSync(npmrc, `${lines.join('\n')}\n`);
      env.NPM_CONFIG_USERCONFIG = npmrc;
      cleanup = () => rmSync(dir, { recursive: true, force: true });
      source = `${url} (--registry; temporary npmrc ${npmrc})`;
    } else source = `${url} (--registry)`;
    for (const scope of scopes) env[scope === '' ? 'npm_config_registry' : `npm_config_${scope}:registry`] = url;
  }
  try {
    const config = await loadNpmConfig({ cwd: root, env });
    const targets = new Map<string, RegistryTarget>();
    for (const name of names) {
      const target = registryTarget(config, name, given === undefined ? undefined : normalizeUrl(given));
      if (!target) throw notConfigured(scopeOf(name));
      targets.set(name, target);
      const scope = scopeOf(name);
      env[scope === undefined ? 'npm_config_registry' : `npm_config_${scope}:registry`] = target.registry;
    }
    return {
      targetFor(name) {
        const target = targets.get(name);
        if (!target) throw new Error(`no registry was resolved for ${name}`);
        return target;
      },
      env,
      source: given === undefined ? `${[...new Set([...targets.values()].map((target) => `${target.registry} (${target.source})`))].join(', ')}` : source,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

function notConfigured(scope: string | undefined): ReleaseError {
  const line = scope === undefined ? 'registry=https://your.registry/' : `${scope}:registry=https://your.registry/`;
  return new ReleaseError('registry/not-configured', `No registry is configured for ${scope ?? 'unscoped packages'}: refusing to publish to the public npm registry by accident.`, {
    hint: `add "${line}" to the project's .npmrc (and "//your.registry/:_authToken=\${NPM_TOKEN}" for its token), or pass --registry <url>.`,
  });
}

export function normalizeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReleaseError('release/usage', `--registry "${value}" is not a URL.`, { hint: 'e.g. --registry http://127.0.0.1:4873/' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ReleaseError('release/usage', `--registry "${value}" is not an http(s) URL.`, { hint: 'e.g. --registry https://npm.acme.example/' });
  }
  return withSlash(url.href);
}
