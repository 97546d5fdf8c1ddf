// What the registry holds for one package version, and what our tarball of
// it would be: comparing shasums tells "already released" from "someone
// published different contents under this version".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { safeParseManifestText } from '@promptpack/spec';
import type { VersionState } from './plan.js';
import { fetchPackument } from './registry/fetch-packument.js';
import type { RegistryTarget } from './registry/npm-config.js';
import { fetchPublishedPackage } from './registry/published-package.js';
import { run } from './run-process.js';

export async function queryVersion(target: RegistryTarget, name: string, version: string): Promise<VersionState> {
  const read = await fetchPackument(target, name);
  if (read.kind === 'not-found') return { kind: 'absent' };
  if (read.kind === 'unreachable') return { kind: 'unreachable', reason: read.reason };
  const shasum = read.packument.versions[version]?.dist?.shasum;
  if (read.packument.versions[version] === undefined) return { kind: 'absent' };
  return shasum ? { kind: 'present', shasum } : { kind: 'unreachable', reason: `the registry lists ${name}@${version} without a shasum` };
}

/** The shasum npm would publish for the package in `dir` (npm pack is deterministic). */
export async function localShasum(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await run('npm', ['pack', dir, '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, env });
  const json = parseJson(result.stdout) as Array<{ shasum?: string }> | undefined;
  const shasum = json?.[0]?.shasum;
  if (result.code !== 0 || !shasum) throw new Error(`npm pack --dry-run failed in ${dir}: ${firstLine(result.stderr)}`);
  return shasum;
}

/**
 * The prompt's identity: `contentHash` from dist/manifest.json (hashes of the
 * policy, few-shots, template, schemas, model config and evals). Tarballs of
 * the same prompt differ when promptpack itself changed (`builtWith`, code
 * generation), which must not turn a re-run into a conflict.
 */
export function localContentHash(dir: string): string | undefined {
  try {
    return manifestContentHash(readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** `contentHash` of a published version, read from its verified tarball. */
export async function remoteContentHash(target: RegistryTarget, name: string, version: string): Promise<string | undefined> {
  const published = await fetchPublishedPackage(target, name, version);
  if ('kind' in published) return undefined;
  return manifestContentHash(published.files.get('dist/manifest.json'));
}

/** Undefined when absent or not a manifest @promptpack/spec reads: the plan then treats the version as a conflict, never as already released. */
function manifestContentHash(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = safeParseManifestText(text);
  return parsed.success ? parsed.data.contentHash : undefined;
}

function parseJson(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.replace(/^npm (error|warn) /, '').trim())
      .find((line) => line !== '' && !line.startsWith('Unknown user config')) ?? ''
  );
}
