// Release idempotency against a real Verdaccio: one package rejected by the
// registry, a re-run that publishes only what is missing, a no-op re-run, and
// a version that already holds other contents.
// Its own Verdaccio, not the one the e2e files share: the test restarts it
// with a config that refuses one package (denyPublish), which would refuse
// it for every other file too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { type RunningRegistry, startRegistry } from '../registry/registry.js';
import { promptPackageNames } from './lib/prompt-package-names.js';
import { fetchPackument, publishedVersions, runRelease } from './lib/release-cli.js';
import { createScratchRepo } from './lib/scratch-repo.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-rejected-'));
const denied = '@acme/prompt-study-tutor';
let names: string[] = [];
let registry: RunningRegistry | undefined;

afterAll(async () => {
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('a rejected package fails the release alone; re-runs publish only what is missing, never twice', { timeout: 240_000 }, async () => {
  const repo = createScratchRepo(path.join(tmp, 'repo'));
  names = promptPackageNames(repo.dir);
  const others = names.filter((name) => name !== denied);
  const registryDir = path.join(tmp, 'registry');
  const versionOf = (folder: string) => (JSON.parse(readFileSync(path.join(repo.dir, 'prompts', folder, 'package.json'), 'utf8')) as { version: string }).version;
  const version = versionOf('study-tutor');
  const tags = () => repo.git('tag', '--list').split('\n').filter(Boolean).sort();

  // 1. The registry refuses study-tutor: the others publish and are tagged.
  registry = await startRegistry({ dir: registryDir, port: 0, denyPublish: [denied] });
  const first = await runRelease(repo.dir, registry.url);
  expect(first.code, first.output).toBe(1);
  expect(first.output).toMatch(/failed: +1\n {2}@acme\/prompt-study-tutor@\S+: E40[13] /);
  expect(first.output).toContain('re-run `promptpack release`');
  expect(await publishedVersions(registry.url, '@acme/prompt-study-tutor')).toEqual([]);
  expect(await publishedVersions(registry.url, '@acme/prompt-support-reply')).toEqual([versionOf('support-reply')]);
  expect(tags()).toEqual(others.map((name) => `${name}@${versionOf(name.replace('@acme/prompt-', ''))}`));
  const shasumsBefore = await shasums(registry.url);

  // 2. The restriction is lifted (same storage): only study-tutor is published.
  await registry.stop();
  registry = await startRegistry({ dir: registryDir, port: 0 });
  const second = await runRelease(repo.dir, registry.url);
  expect(second.code, second.output).toBe(0);
  expect(second.output).toMatch(/already published +@acme\/prompt-refund-triage@/);
  expect(second.output).toMatch(/to publish +@acme\/prompt-study-tutor@/);
  expect(second.output).toMatch(/published: +1\n/);
  for (const name of names) expect(await publishedVersions(registry.url, name)).toHaveLength(1);
  expect(tags()).toHaveLength(names.length);
  expect(tags()).toContain(`@acme/prompt-study-tutor@${version}`);
  const shasumsAfter = await shasums(registry.url);
  for (const name of others) expect(shasumsAfter[name]).toBe(shasumsBefore[name]);

  // 3. Nothing left to do: a no-op that still exits 0.
  const third = await runRelease(repo.dir, registry.url);
  expect(third.code, third.output).toBe(0);
  expect(third.output).toMatch(new RegExp(`published: +0\nalready published: ${names.length}`));
  expect(third.output).not.toContain('» changeset publish');
  // The plan as JSON on stdout, the progress on stderr.
  const planned = await runRelease(repo.dir, registry.url, { extraArgs: ['--dry-run', '--json'] });
  expect(planned.code, planned.output).toBe(0);
  const plan = JSON.parse(planned.stdout) as { specificationVersion: string; packages: Array<{ name: string; action: string }> };
  expect(plan.specificationVersion).toBe('promptpack.release-plan/v1');
  expect(plan.packages.map((entry) => [entry.name, entry.action])).toEqual(names.map((name) => [name, 'already-published']));

  // 4. Changed contents under an already released version. The semver gate
  // (`promptpack check --published`) refuses it before anything is published...
  const template = path.join(repo.dir, 'prompts/support-reply/template.hbs');
  writeFileSync(template, readFileSync(template, 'utf8').replace('Draft a reply', 'Draft a short reply'));
  repo.commit('template change without a version bump');
  const gated = await runRelease(repo.dir, registry.url);
  expect(gated.code, gated.output).toBe(1);
  expect(gated.output).toMatch(/Nothing was published|CONFLICT/);
  // ...and without the release tag to compare with (say the version was
  // published from another clone), the registry's shasum still catches it.
  repo.git('tag', '-d', `@acme/prompt-support-reply@${versionOf('support-reply')}`);
  const conflict = await runRelease(repo.dir, registry.url);
  expect(conflict.code, conflict.output).toBe(1);
  expect(conflict.output).toMatch(/CONFLICT +@acme\/prompt-support-reply@/);
  expect(conflict.output).toContain('bump it with a changeset');
  expect(await shasums(registry.url)).toEqual(shasumsAfter);
  expect(tags()).toHaveLength(names.length - 1);
  expect(tags()).not.toContain(`@acme/prompt-support-reply@${versionOf('support-reply')}`);
});

async function shasums(url: string): Promise<Record<string, string | undefined>> {
  const result: Record<string, string | undefined> = {};
  for (const name of names) {
    const packument = await fetchPackument(url, name);
    result[name] = Object.values(packument?.versions ?? {})[0]?.dist.shasum;
  }
  return result;
}
