// Reading published packages the way npm does, against local HTTP servers:
// credentials only for their registry, names that cannot steer the path,
// verified and bounded tarballs, and errors that say what to do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssri from 'ssri';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fetchPublishedPackage, loadNpmConfig, packumentUrl, ReleaseError, registryTarget, type RegistryTarget } from '../src/index.js';
import { closedPort, startTestServer, type TestServer } from './__fixtures__/registry-servers.js';
import { gzipTar, type TarEntry } from './__fixtures__/tar-archive.js';

const name = '@acme/prompt-x';
const token = 'secret-token-for-the-registry';
const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-registry-reading-'));
let registry: TestServer;
let tarballHost: TestServer;

beforeAll(async () => {
  [registry, tarballHost] = await Promise.all([startTestServer(), startTestServer()]);
});
afterEach(() => {
  for (const server of [registry, tarballHost]) {
    server.routes.clear();
    server.seen.length = 0;
  }
});
afterAll(async () => {
  await Promise.all([registry.close(), tarballHost.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

/** A project whose .npmrc names the registry for @acme and its token, isolated from this machine's npm config. */
async function target(npmrc: string = `@acme:registry=${registry.url}\n//${new URL(registry.url).host}/:_authToken=${token}\nfetch-retries=0\n`): Promise<RegistryTarget> {
  const project = mkdtempSync(path.join(scratch, 'project-'));
  writeFileSync(path.join(project, 'package.json'), '{"name":"prompts","private":true}\n');
  writeFileSync(path.join(project, '.npmrc'), npmrc);
  mkdirSync(path.join(project, 'home'));
  writeFileSync(path.join(project, 'home/npmrc'), '');
  writeFileSync(path.join(project, 'home/global-npmrc'), '');
  const env = { PATH: process.env.PATH, HOME: path.join(project, 'home'), NPM_CONFIG_USERCONFIG: path.join(project, 'home/npmrc'), NPM_CONFIG_GLOBALCONFIG: path.join(project, 'home/global-npmrc') };
  const found = registryTarget(await loadNpmConfig({ cwd: project, env }), name);
  if (!found) throw new Error('the test .npmrc names no registry');
  return found;
}

/** Serves `entries` as name@1.0.0: the packument on the registry, the tarball on `host`. */
function publish(entries: readonly TarEntry[], options: { host?: TestServer; integrity?: string | null } = {}): Buffer {
  const host = options.host ?? tarballHost;
  const tarball = gzipTar(entries);
  const integrity = options.integrity === undefined ? ssri.fromData(tarball, { algorithms: ['sha512'] }).toString() : options.integrity;
  const dist = { tarball: `${host.url}tarballs/prompt-x-1.0.0.tgz`, ...(integrity === null ? {} : { integrity }) };
  registry.routes.set('/@acme%2fprompt-x', { status: 200, body: JSON.stringify({ name, versions: { '1.0.0': { dist } } }) });
  host.routes.set('/tarballs/prompt-x-1.0.0.tgz', { status: 200, body: tarball, type: 'application/octet-stream' });
  return tarball;
}

async function refusal(promise: Promise<unknown>): Promise<ReleaseError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ReleaseError.isInstance(error)) throw new Error(`expected a ReleaseError, got ${String(error)}`);
  return error;
}

describe('credentials', () => {
  test('the token goes to the registry it is configured for, never to a tarball on another host', async () => {
    publish([{ path: 'package/policy.md', content: 'Be kind.\n' }]);
    const published = await fetchPublishedPackage(await target(), name, '1.0.0');
    expect('kind' in published ? published : published.files.get('policy.md')).toBe('Be kind.\n');
    expect(registry.seen).toEqual([{ url: '/@acme%2fprompt-x', authorization: `Bearer ${token}` }]);
    expect(tarballHost.seen).toEqual([{ url: '/tarballs/prompt-x-1.0.0.tgz', authorization: undefined }]);
  });

  test('a tarball on the registry itself gets the token, as npm sends it', async () => {
    publish([{ path: 'package/policy.md', content: 'Be kind.\n' }], { host: registry });
    await fetchPublishedPackage(await target(), name, '1.0.0');
    expect(registry.seen.map((request) => request.authorization)).toEqual([`Bearer ${token}`, `Bearer ${token}`]);
  });

  test('a registry answering 401 gives an error naming the registry, where it was configured, and what to do', async () => {
    registry.routes.set('/@acme%2fprompt-x', { status: 401, body: '{"error":"unauthorized"}' });
    const error = await refusal(fetchPublishedPackage(await target(), name, '1.0.0'));
    expect(error.code).toBe('registry/unauthorized');
    expect(error.message).toContain(`The registry ${registry.url} (@acme:registry in `);
    expect(error.message).toContain('asks for credentials (HTTP 401)');
    expect(error.hint).toContain(`//${new URL(registry.url).host}/:_authToken=\${NPM_TOKEN}`);
  });

  test('an unreachable registry is a miss with the reason, for the caller to fall back or explain', async () => {
    const port = await closedPort();
    const read = await fetchPublishedPackage(await target(`@acme:registry=http://127.0.0.1:${port}/\nfetch-retries=0\n`), name, '1.0.0');
    expect(read).toMatchObject({ kind: 'unreachable', registry: `http://127.0.0.1:${port}/`, reason: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('package names never steer the request', () => {
  test.each(['@acme/../../x', '\\\\host\\x/prompt-p', '@acme/prompt-x/../../admin', '../x', 'http://evil.example/x'])('%s is refused before any request', async (bad) => {
    expect(() => packumentUrl(registry.url, bad)).toThrow(/is not a valid npm package name/);
    const error = await refusal(fetchPublishedPackage(await target(), bad, '1.0.0'));
    expect(error.code).toBe('registry/invalid-name');
    expect(registry.seen).toEqual([]);
  });

  test('a scoped name is one path segment, encoded as npm encodes it', () => {
    expect(packumentUrl('http://127.0.0.1:4873/npm/', '@acme/prompt-x')).toBe('http://127.0.0.1:4873/npm/@acme%2fprompt-x');
  });
});

describe('tarballs', () => {
  test('only the entries npm installs (package/...) are read: a stray top-level policy.md is ignored', async () => {
    publish([
      { path: 'policy.md', content: 'APPROVED BY NOBODY\n' },
      { path: 'package/policy.md', content: 'What npm installs.\n' },
      { path: 'other/policy.md', content: 'Also not installed as package/.\n' },
    ]);
    const published = await fetchPublishedPackage(await target(), name, '1.0.0');
    if ('kind' in published) throw new Error(`not read: ${published.kind}`);
    expect([...published.files]).toEqual([['policy.md', 'What npm installs.\n']]);
    expect(published.verified).toBe('sha512 integrity verified');
  });

  test('GNU long names are read in full', async () => {
    const long = `package/dist/shared/${'a'.repeat(120)}.md`;
    publish([{ path: long, content: 'shared section\n', style: 'gnu-long-name' }]);
    const published = await fetchPublishedPackage(await target(), name, '1.0.0');
    if ('kind' in published) throw new Error(`not read: ${published.kind}`);
    expect([...published.files.keys()]).toEqual([long.slice('package/'.length)]);
  });

  test('a tarball that does not match its integrity is refused', async () => {
    publish([{ path: 'package/policy.md', content: 'Be kind.\n' }], { integrity: ssri.fromData(Buffer.from('something else'), { algorithms: ['sha512'] }).toString() });
    const error = await refusal(fetchPublishedPackage(await target(), name, '1.0.0'));
    expect(error.code).toBe('registry/integrity');
    expect(error.message).toMatch(/does not match the integrity the registry lists \(expected sha512-\S+, got sha512-\S+\)/);
  });

  test('a packument without integrity is refused, not read unverified', async () => {
    publish([{ path: 'package/policy.md', content: 'Be kind.\n' }], { integrity: null });
    const error = await refusal(fetchPublishedPackage(await target(), name, '1.0.0'));
    expect(error.code).toBe('registry/no-integrity');
    expect(error.message).toContain(`lists no usable integrity hash (dist.integrity is missing) for ${name}@1.0.0`);
    expect(tarballHost.seen).toEqual([]);
    publish([{ path: 'package/policy.md', content: 'Be kind.\n' }], { integrity: 'not-an-integrity' });
    expect((await refusal(fetchPublishedPackage(await target(), name, '1.0.0'))).message).toContain('dist.integrity is "not-an-integrity"');
  });

  test('a gzip bomb stops at the inflate limit with a clear error', async () => {
    const bomb = publish([{ path: 'package/policy.md', content: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await refusal(fetchPublishedPackage(await target(), name, '1.0.0', { maxDownloadBytes: 1024 * 1024, maxInflatedBytes: 1024 * 1024 }));
    expect(error.code).toBe('registry/too-large');
    expect(error.message).toContain(`The tarball of ${name}@1.0.0`);
    expect(error.message).toContain('inflates past 1048576 bytes');
  });

  test('a download over its limit stops there', async () => {
    publish([{ path: 'package/policy.md', content: Buffer.from(ssri.fromData(Buffer.from('x')).toString().repeat(4000)) }]);
    const error = await refusal(fetchPublishedPackage(await target(), name, '1.0.0', { maxDownloadBytes: 512, maxInflatedBytes: 1024 * 1024 }));
    expect(error.code).toBe('registry/too-large');
    expect(error.message).toMatch(/is larger than the limit of 512 bytes/);
  });

  test('a version the registry does not list is a miss naming the versions it has', async () => {
    publish([{ path: 'package/policy.md', content: 'Be kind.\n' }]);
    expect(await fetchPublishedPackage(await target(), name, '2.0.0')).toEqual({ kind: 'no-version', registry: registry.url, versions: ['1.0.0'] });
    expect(await fetchPublishedPackage(await target(), '@acme/prompt-none', '1.0.0')).toEqual({ kind: 'no-package', registry: registry.url });
  });
});
