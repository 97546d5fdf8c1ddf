// What the registry holds for one package version, and what our tarball of
// it would be: comparing shasums tells "already released" from "someone
// published different contents under this version".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './run.js';

export type VersionState =
  | { kind: 'absent' }
  | { kind: 'present'; shasum: string }
  | { kind: 'unreachable'; reason: string };

export async function queryVersion(name: string, version: string, env: NodeJS.ProcessEnv, cwd: string): Promise<VersionState> {
  const result = await run('npm', ['view', `${name}@${version}`, 'dist.shasum', '--json'], { cwd, env });
  const json = parseJson(result.stdout);
  if (result.code === 0) {
    // An existing package without this version prints nothing.
    if (typeof json === 'string') return { kind: 'present', shasum: json };
    return { kind: 'absent' };
  }
  const error = (json as { error?: { code?: string; summary?: string } } | undefined)?.error;
  if (error?.code === 'E404') return { kind: 'absent' };
  const reason = error ? `${error.code ?? 'error'}: ${error.summary ?? ''}`.trim() : firstLine(result.stderr) || `npm view exited with ${result.code}`;
  return { kind: 'unreachable', reason };
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
    return (JSON.parse(readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8')) as { contentHash?: string }).contentHash;
  } catch {
    return undefined;
  }
}

/** `contentHash` of a published version, read from its tarball. */
export async function remoteContentHash(name: string, version: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | undefined> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-published-'));
  try {
    const packed = await run('npm', ['pack', `${name}@${version}`, '--json', '--pack-destination', scratch], { cwd, env });
    const filename = (parseJson(packed.stdout) as Array<{ filename?: string }> | undefined)?.[0]?.filename;
    if (packed.code !== 0 || !filename) return undefined;
    const untar = await run('tar', ['-xzf', path.join(scratch, path.basename(filename)), '-C', scratch, 'package/dist/manifest.json'], { cwd: scratch });
    if (untar.code !== 0) return undefined;
    return localContentHash(path.join(scratch, 'package'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
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
