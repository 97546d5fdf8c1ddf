// promptpack diff between two versions published to a real local Verdaccio:
// the files compared are the ones in the registry's tarballs, not git.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRegistry, type RunningRegistry } from '../../../scripts/registry/registry.js';
import { fetchPackument, runCommand } from '../../../scripts/e2e/lib/release-cli.js';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';

const validFixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-diff-registry-'));
const repo = path.join(scratch, 'repo');
const name = '@acme/prompt-order-help';
let registry: RunningRegistry;
let previousCwd: string;

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const prompt = (file: string) => path.join(repo, 'prompts/order-help', file);

async function run(...args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** Builds the prompt as it is now and publishes it with npm, the way a release does. */
async function publish(version: string): Promise<void> {
  const packageJson = JSON.parse(readFileSync(prompt('package.json'), 'utf8')) as { version: string };
  writeFileSync(prompt('package.json'), `${JSON.stringify({ ...packageJson, version }, null, 2)}\n`);
  const built = await run('build', 'prompts/order-help');
  expect(built.code, built.err).toBe(0);
  const url = new URL(registry.url);
  const npmrc = path.join(scratch, 'npmrc');
  writeFileSync(npmrc, `registry=${url.href}\n//${url.host}/:_authToken=local\n`);
  const published = await runCommand('npm', ['publish', prompt(''), '--ignore-scripts', '--registry', url.href], { cwd: scratch, env: { ...process.env, NPM_CONFIG_USERCONFIG: npmrc } });
  expect(published.code, published.output).toBe(0);
}

beforeAll(async () => {
  mkdirSync(path.join(repo, 'prompts/_shared'), { recursive: true });
  cpSync(validFixture, path.join(repo, 'prompts/order-help'), { recursive: true });
  writeFileSync(path.join(repo, 'prompts/_shared/safety.md'), 'Never give legal advice.\n');
  writeFileSync(prompt('policy.md'), `${readFileSync(prompt('policy.md'), 'utf8')}{{> safety}}\n`);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'order-help');
  previousCwd = process.cwd();
  process.chdir(repo);
  registry = await startRegistry({ dir: path.join(scratch, 'registry'), port: 0 });

  await publish('1.0.0');
  // 1.1.0: a policy sentence and a reworded shared section; nothing is committed or tagged,
  // so the only place either version exists is the registry.
  writeFileSync(prompt('policy.md'), readFileSync(prompt('policy.md'), 'utf8').replace('Be brief and accurate.', 'Be brief and accurate.\nAnswer in the customer\'s language.'));
  writeFileSync(path.join(repo, 'prompts/_shared/safety.md'), 'Never give legal or tax advice.\n');
  const approved = await run('policy', 'approve', 'order-help', '--by', 'Ada (Legal)', '--at', '2026-11-21T09:30:00Z');
  expect(approved.code, approved.err).toBe(0);
  await publish('1.1.0');
  // The working tree moves on, so a diff that read it instead would show.
  writeFileSync(prompt('policy.md'), 'Something else entirely.\n');
}, 120_000);

afterAll(async () => {
  process.chdir(previousCwd);
  await registry?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

it('compares two published versions from their tarballs, the shared section inlined, integrity checked', async () => {
  expect(Object.keys((await fetchPackument(registry.url, name))?.versions ?? {}).sort()).toEqual(['1.0.0', '1.1.0']);
  const { code, out } = await run('diff', 'order-help', '--from', '1.0.0', '--to', '1.1.0', '--registry', registry.url);
  expect(code).toBe(0);
  expect(out).toContain(`from  1.0.0: registry ${registry.url} (${name}@1.0.0, sha512 integrity verified)`);
  expect(out).toContain(`to    1.1.0: registry ${registry.url} (${name}@1.1.0, sha512 integrity verified)`);
  expect(out).toContain('Required release: minor.');
  expect(out).toMatch(/ {2}policy +changed +minor +policy text changed \(2 lines\)/);
  expect(out).toContain("+ Answer in the customer's language.");
  expect(out).toContain('+ Never give legal {+or tax +}advice.');
  expect(out).not.toContain('Something else entirely');
  expect(out).toContain(', approved by Ada (Legal) on 2026-11-21T09:30:00Z');

  const json = JSON.parse((await run('diff', 'order-help', '--from', '1.0.0', '--to', '1.1.0', '--registry', registry.url, '--only', 'policy', '--format', 'json')).out);
  for (const side of [json.from, json.to]) {
    expect(side).toMatchObject({ kind: 'registry', notes: [] });
    // The hash the published manifest records is the hash of the policy shipped beside it.
    expect(side.publishedPolicyHash).toBe(side.policyHash);
  }
  expect(json.from.policyHash).not.toBe(json.to.policyHash);
  // The approval travels with the published package: 1.0.0 had none, 1.1.0 ships the approved text.
  expect(json.from.approval).toBeNull();
  expect(json.to.approval).toEqual({ by: 'Ada (Legal)', at: '2026-11-21T09:30:00Z', sha256: json.to.policyHash, matches: true });
});

it('lists the published versions when asked for one that is not there', async () => {
  const { code, err } = await run('diff', 'order-help', '--from', '1.5.0', '--to', '1.1.0', '--registry', registry.url);
  expect(code).toBe(2);
  expect(err).toContain(`${name} has no version 1.5.0. Published on ${registry.url}: 1.0.0, 1.1.0. Release tags in this repository: none.`);
});

it('finds the registry from the scope line in .npmrc', async () => {
  writeFileSync(path.join(repo, '.npmrc'), `@acme:registry=${registry.url}\n`);
  const { out } = await run('diff', 'order-help', '--from', '1.0.0', '--to', '1.1.0', '--only', 'policy', '--format', 'json');
  expect(JSON.parse(out).from.kind).toBe('registry');
});
