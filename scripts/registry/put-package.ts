// Publishes one package folder to a registry with a single PUT, the request
// `npm publish` sends (a packument with the tarball attached), without
// starting npm: the seeding publishes a couple of hundred third-party
// packages, and one npm process per package cost about 6 s each here.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PackageManifest {
  name: string;
  version: string;
  [field: string]: unknown;
}

/**
 * `parent/package/` holds the files to publish (npm's tarball layout: one
 * top-level `package/` folder). The token is what the registry's .npmrc line
 * would carry; the local Verdaccio takes any.
 */
export async function putPackage(registry: URL, parent: string, manifest: PackageManifest, token = 'local'): Promise<void> {
  const { stdout: tarball } = await run('tar', ['-czf', '-', '--owner=0', '--group=0', '--numeric-owner', '-C', parent, 'package'], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  const file = `${path.basename(manifest.name)}-${manifest.version}.tgz`;
  const document = {
    _id: manifest.name,
    name: manifest.name,
    'dist-tags': { latest: manifest.version },
    versions: {
      [manifest.version]: {
        ...manifest,
        _id: `${manifest.name}@${manifest.version}`,
        dist: {
          shasum: createHash('sha1').update(tarball).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
          tarball: new URL(`${manifest.name}/-/${file}`, registry).href,
        },
      },
    },
    _attachments: { [file]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
  };
  const response = await fetch(new URL(manifest.name.replace('/', '%2f'), registry), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(document),
  });
  if (!response.ok) throw new Error(`Publishing ${manifest.name}@${manifest.version} to ${registry.href} failed: HTTP ${response.status} ${await response.text()}`);
  await response.body?.cancel();
}
