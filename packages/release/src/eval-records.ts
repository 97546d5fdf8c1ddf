// Reads what the eval gate decides on: the eval record and the built
// manifest of each prompt package, and who is overriding the gate.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { safeParseManifestText } from '@promptpack/spec';
import { type BuiltIdentity, type EvalOverride, evalRecordFile, type RecordRead } from './eval-gate.js';
import { run } from './run-process.js';

export function readEvalRecord(dir: string): RecordRead {
  const file = path.join(dir, evalRecordFile);
  if (!existsSync(file)) return { kind: 'missing' };
  try {
    return { kind: 'found', text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  }
}

/** Undefined when dist/manifest.json is missing or not a manifest @promptpack/spec reads; the gate then refuses. */
export function readBuiltIdentity(dir: string): BuiltIdentity | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = safeParseManifestText(text);
  return parsed.success ? { contentHash: parsed.data.contentHash, evalsHash: parsed.data.hashes.evals } : undefined;
}

/**
 * Who is releasing: the identity git signs the release tags with (config,
 * or GIT_COMMITTER_NAME/EMAIL as CI sets them; `git var` resolves both the
 * way `git tag` does), plus the CI actor when there is one.
 */
export async function overrideBy(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const ident = await run('git', ['var', 'GIT_COMMITTER_IDENT'], { cwd, env });
  // "Name <email> 1764620000 +0000": the timestamp is the override's `at`, not part of who.
  const who = ident.code === 0 ? /^(.*?)\s+\d+\s+[+-]\d{4}$/.exec(ident.stdout.trim())?.[1] : undefined;
  const parts = [who || env.USER || 'unknown'];
  if (env.GITHUB_ACTOR) parts.push(`GitHub actor ${env.GITHUB_ACTOR}${env.GITHUB_RUN_ID ? `, run ${env.GITHUB_RUN_ID}` : ''}`);
  return parts.join('; ');
}

export async function createOverride(reason: string, cwd: string): Promise<EvalOverride> {
  return { reason, by: await overrideBy(cwd), at: new Date().toISOString() };
}
