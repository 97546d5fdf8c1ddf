// Which registry a release publishes to, from the npm config of a throwaway
// project (isolated from this machine's ~/.npmrc).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { resolveRegistryAccess } from '../src/registry-access.js';
import { ReleaseError } from '../src/release-error.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-registry-access-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(npmrc: string): { root: string; env: NodeJS.ProcessEnv } {
  const root = mkdtempSync(path.join(scratch, 'project-'));
  writeFileSync(path.join(root, 'package.json'), '{"name":"prompts","private":true}\n');
  writeFileSync(path.join(root, '.npmrc'), npmrc);
  mkdirSync(path.join(root, 'home'));
  for (const file of ['user', 'global']) writeFileSync(path.join(root, 'home', file), '');
  return { root, env: { PATH: process.env.PATH, HOME: path.join(root, 'home'), NPM_CONFIG_USERCONFIG: path.join(root, 'home/user'), NPM_CONFIG_GLOBALCONFIG: path.join(root, 'home/global') } };
}

test("each package's scope line in the project .npmrc is its registry, and child processes are pointed there", async () => {
  const { root, env } = project('@acme:registry=https://npm.acme.example/\n');
  const access = await resolveRegistryAccess(root, ['@acme/prompt-x'], undefined, env);
  expect(access.targetFor('@acme/prompt-x')).toMatchObject({ registry: 'https://npm.acme.example/', source: `@acme:registry in ${path.join(root, '.npmrc')}` });
  expect(access.env['npm_config_@acme:registry']).toBe('https://npm.acme.example/');
});

test('a scope with only npm\'s default registry is refused, not published to the public registry', async () => {
  const { root, env } = project('save-exact=true\n');
  const error = await resolveRegistryAccess(root, ['@acme/prompt-x'], undefined, env).catch((caught: unknown) => caught);
  expect(ReleaseError.isInstance(error) && error.code).toBe('registry/not-configured');
  expect((error as Error).message).toContain('No registry is configured for @acme');
  expect((error as ReleaseError).hint).toContain('"@acme:registry=https://your.registry/"');
});

test('a loopback --registry gets a throwaway npmrc with its scope lines and a placeholder token, removed by cleanup', async () => {
  const { root, env } = project('@acme:registry=https://npm.acme.example/\n');
  const access = await resolveRegistryAccess(root, ['@acme/prompt-x'], 'http://127.0.0.1:4873', env);
  const npmrc = access.env.NPM_CONFIG_USERCONFIG as string;
  expect(readFileSync(npmrc, 'utf8')).toBe('@acme:registry=http://127.0.0.1:4873/\n//127.0.0.1:4873/:_authToken=local\n');
  expect(access.targetFor('@acme/prompt-x')).toMatchObject({ registry: 'http://127.0.0.1:4873/', source: '--registry' });
  access.cleanup();
  expect(() => readFileSync(npmrc)).toThrow(/ENOENT/);
});

test('--registry must be an http(s) URL', async () => {
  const { root, env } = project('');
  await expect(resolveRegistryAccess(root, ['@acme/prompt-x'], 'ftp://example/', env)).rejects.toThrow('--registry "ftp://example/" is not an http(s) URL.');
});
