// A prompt package can never be packed (hence published) without its dist/:
// its prepack script builds it, and when the CLI is not installed the pack
// fails instead of shipping sources only.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { scaffoldPrompt } from '@promptpack/scaffold';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-prepack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The promptpack bin this workspace installed, as an adopter's node_modules/.bin would hold it.
const withCli = { ...process.env, PATH: `${path.join(repoRoot, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
// Only node, npm and pnpm: no promptpack anywhere.
const withoutCli = { ...process.env, PATH: [...new Set([path.dirname(process.execPath), path.join(repoRoot, '.tools/node_modules/.bin'), '/usr/bin', '/bin'])].join(path.delimiter) };

let prompt: string;
let out: string;
beforeEach(() => {
  const repo = mkdtempSync(path.join(tmp, 'repo-'));
  prompt = path.join(repo, 'prompts/hello');
  mkdirSync(prompt, { recursive: true });
  for (const file of scaffoldPrompt('hello', '@acme')) writeFileSync(path.join(prompt, file.path), file.contents);
  out = path.join(repo, 'out');
  mkdirSync(out);
});

describe.each([
  ['npm', ['pack', '--pack-destination']],
  ['pnpm', ['pack', '--pack-destination']],
] as const)('%s pack of a prompt package without dist/', (tool, args) => {
  it('builds dist/ first and packs it', async () => {
    expect(existsSync(path.join(prompt, 'dist'))).toBe(false);
    await run(tool, [...args, out], { cwd: prompt, env: withCli });
    expect(existsSync(path.join(prompt, 'dist/index.js'))).toBe(true);
    const { stdout } = await run('tar', ['-tzf', path.join(out, readdirSync(out)[0]!)]);
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/manifest.json', 'package/prompt.yaml']));
  }, 60_000);

  it('fails, naming promptpack, when the CLI is not installed, and writes no tarball', async () => {
    const failure = run(tool, [...args, out], { cwd: prompt, env: withoutCli });
    await expect(failure).rejects.toThrow(/promptpack/);
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(path.join(prompt, 'dist'))).toBe(false);
  }, 60_000);
});
