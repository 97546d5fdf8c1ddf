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

/** Who is releasing: the git identity of the repository, plus the CI actor when there is one. */
export async function overrideBy(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const config = async (key: string) => {
    const result = await run('git', ['config', '--get', key], { cwd });
    return result.code === 0 ? result.stdout.trim() : '';
  };
  const [name, email] = [await config('user.name'), await config('user.email')];
  const parts = [name && email ? `${name} <${email}>` : name || email || env.USER || 'unknown'];
  if (env.GITHUB_ACTOR) parts.push(`GitHub actor ${env.GITHUB_ACTOR}${env.GITHUB_RUN_ID ? `, run ${env.GITHUB_RUN_ID}` : ''}`);
  return parts.join('; ');
}

export async function createOverride(reason: string, cwd: string): Promise<EvalOverride> {
  return { reason, by: await overrideBy(cwd), at: new Date().toISOString() };
}
