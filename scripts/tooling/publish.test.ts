// The tooling publish against a real local Verdaccio: everything the first
// time, nothing the second, and clear errors when the registry cannot be
// reached or wants credentials.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRegistry, startRegistry } from '../registry/registry.js';
import { classify, npm, publishTarball, RegistryProblem } from './npm-registry.js';
import { packPackage } from './pack.js';
import { publishTooling } from './publish-tooling.js';
import { repoRoot, toolingPackages } from './workspace-packages.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-tooling-publish-'));
let registry: RunningRegistry;
let env: NodeJS.ProcessEnv;
const packages = toolingPackages();
const specs = packages.map((item) => `${item.name}@${item.version}`);

beforeAll(async () => {
  registry = await startRegistry({ dir: path.join(tmp, 'registry'), port: 0 });
  // Verdaccio takes any token for anonymous publishes; npm refuses to publish without one.
  const userconfig = path.join(tmp, 'npmrc');
  writeFileSync(userconfig, `//${new URL(registry.url).host}/:_authToken=local\n`);
  env = { ...process.env, npm_config_userconfig: userconfig, npm_config_cache: path.join(tmp, 'npm-cache') };
}, 60_000);
afterAll(async () => {
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('pnpm tooling:publish', () => {
  it('publishes every tooling package in dependency order, then nothing on a re-run', async () => {
    const log: string[] = [];
    // The suite runs after the tooling is built (scripts/test.sh); building again here would only cost time.
    const first = await publishTooling({ registry: registry.url, build: false, env, log: (line) => log.push(line) });
    expect(first).toEqual({ published: specs, alreadyThere: [] });
    expect(log.at(-1)).toBe(`${specs.length} published, 0 already on the registry.`);
    const order = first.published.map((spec) => spec.slice(0, spec.lastIndexOf('@')));
    expect(order.indexOf('@promptpack/core')).toBeLessThan(order.indexOf('@promptpack/build'));
    expect(order.indexOf('@promptpack/scaffold')).toBeLessThan(order.indexOf('@promptpack/cli'));
    expect(order.indexOf('@promptpack/scaffold')).toBeLessThan(order.indexOf('create-promptpack'));

    const cli = packages.find((item) => item.name === '@promptpack/cli')!;
    const view = await npm(['view', `@promptpack/cli@${cli.version}`, 'dependencies', '--json', '--registry', registry.url, `--@promptpack:registry=${registry.url}`], { cwd: repoRoot, env });
    expect(JSON.parse(view.stdout)).toMatchObject({ '@promptpack/core': `^${cli.version}`, '@promptpack/scaffold': `^${cli.version}` });

    const again: string[] = [];
    const second = await publishTooling({ registry: registry.url, build: false, env, log: (line) => again.push(line) });
    expect(second).toEqual({ published: [], alreadyThere: specs });
    expect(again.at(-1)).toBe(`0 published, ${specs.length} already on the registry.`);
  }, 180_000);

  it('names an unreachable registry and says what to do, before building anything', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/`;
    const failure = publishTooling({ registry: url, build: true, env, log: () => {} });
    await expect(failure).rejects.toThrow(RegistryProblem);
    await expect(failure).rejects.toThrow(`The registry ${url} cannot be reached`);
    await expect(failure).rejects.toThrow('pnpm registry:start');
  }, 60_000);

  it('names the registry and the login to fix when npm has no credentials for it', async () => {
    const dir = path.join(tmp, 'unpublished');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@promptpack-test/no-credentials', version: '1.0.0' }));
    const tarball = await packPackage(dir);
    const anonymous = { ...env, npm_config_userconfig: path.join(tmp, 'empty-npmrc') };
    writeFileSync(anonymous.npm_config_userconfig, '');
    const failure = publishTarball(registry.url, '@promptpack-test/no-credentials', tarball, dir, anonymous);
    await expect(failure).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(failure).rejects.toThrow(`npm login --registry ${registry.url}`);
  }, 60_000);

  it('reads a 401 answer as missing credentials', () => {
    const problem = classify({ stdout: '', stderr: 'npm error code E401\nnpm error 401 Unauthorized - PUT https://npm.acme.internal/@promptpack%2fcore\n' }, 'https://npm.acme.internal/', 'publishing @promptpack/core');
    expect(problem.kind).toBe('unauthorized');
    expect(problem.message).toContain('The registry https://npm.acme.internal/ wants credentials (publishing @promptpack/core): 401 Unauthorized - PUT https://npm.acme.internal/@promptpack%2fcore\nhint:');
    expect(problem.message).toContain('//npm.acme.internal/:_authToken=${NPM_TOKEN}');
  });
});

/** A port nothing listens on: bound, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
