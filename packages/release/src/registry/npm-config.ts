// The user's npm configuration, read the way npm reads it (@npmcli/config,
// npm's own reader): built-in, global, user (~/.npmrc or
// NPM_CONFIG_USERCONFIG), project .npmrc and `npm_config_*` in the
// environment, with `${VAR}` expanded. Registry URLs, scope lines
// (`@acme:registry=`) and credentials (`//host/:_authToken=`) come from here,
// so promptpack reaches the registry npm would, with the token npm would send.
import Config from '@npmcli/config';
import npmDefinitions from '@npmcli/config/lib/definitions/index.js';
import os from 'node:os';
import path from 'node:path';

export interface NpmConfig {
  /** Flat options for npm-registry-fetch: registry, scope registries, `//host/:` credentials, proxy and TLS settings. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Where `key` was set, for messages: `/repo/.npmrc`, `environment (npm_config_registry)`; undefined for npm's built-in default. */
  sourceOf(key: string): string | undefined;
}

/** The registry a package is read from or published to, and where that was configured. */
export interface RegistryTarget {
  registry: string;
  /** e.g. `@acme:registry in /repo/.npmrc`, or `--registry`. */
  source: string;
  options: Readonly<Record<string, unknown>>;
}

export async function loadNpmConfig(options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<NpmConfig> {
  const { definitions, flatten, nerfDarts, shorthands } = npmDefinitions;
  const config = new Config({
    definitions,
    flatten,
    nerfDarts,
    shorthands,
    // No npm installation is assumed: its built-in npmrc is simply absent.
    npmPath: path.join(os.tmpdir(), 'promptpack-no-npm-builtin'),
    argv: [process.execPath, 'npm'],
    env: options.env ?? process.env,
    cwd: options.cwd,
    warn: false,
  });
  await config.load();
  const flat = { ...config.flat };
  // promptpack only reads: the user's npm cache is neither consulted (a stale
  // packument would hide a version just published) nor written.
  delete flat.cache;
  return {
    options: flat,
    sourceOf(key) {
      const where = config.find(key);
      if (where === 'project') return path.join(config.localPrefix, '.npmrc');
      if (where === 'user') return String(config.get('userconfig'));
      if (where === 'global') return String(config.get('globalconfig'));
      if (where === 'env') return `environment (npm_config_${key})`;
      if (where === 'cli') return 'command line';
      return undefined;
    },
  };
}

/**
 * The registry for `name`: `given` (a --registry flag) wins, then the
 * scope's line, then an explicitly configured `registry=`. undefined when
 * only npm's built-in default (the public registry) would apply: a private
 * prompt is never looked for, or published, there by accident.
 */
export function registryTarget(config: NpmConfig, name: string, given?: string): RegistryTarget | undefined {
  if (given !== undefined) return { registry: withSlash(given), source: '--registry', options: config.options };
  const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
  for (const key of scope ? [`${scope}:registry`, 'registry'] : ['registry']) {
    const source = config.sourceOf(key);
    const value = config.options[key];
    if (source !== undefined && typeof value === 'string' && value !== '') return { registry: withSlash(value), source: `${key} in ${source}`, options: config.options };
  }
  return undefined;
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
