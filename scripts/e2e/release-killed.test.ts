// The registry dies mid-release: a proxy between npm and Verdaccio kills
// Verdaccio (SIGKILL, by PID) right after the first publish succeeded, so the
// moment of the crash is deterministic. The release must fail clearly, tag
// exactly what was published, and a re-run after a restart (same storage)
// must publish only the rest.
// Its own Verdaccio, not the one the e2e files share: this test kills it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { type RunningRegistry, startRegistry } from '../registry/registry.js';
import { type KillProxy, startKillProxy } from './lib/kill-proxy.js';
import { promptPackageNames } from './lib/prompt-package-names.js';
import { publishedVersions, runRelease } from './lib/release-cli.js';
import { createScratchRepo } from './lib/scratch-repo.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-killed-'));
let registry: RunningRegistry | undefined;
let proxy: KillProxy | undefined;

afterAll(async () => {
  await proxy?.close();
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('registry killed mid-release: clear failure, tags only for what was published, re-run publishes the rest', { timeout: 240_000 }, async () => {
  const repo = createScratchRepo(path.join(tmp, 'repo'));
  const names = promptPackageNames(repo.dir);
  const rest = names.length - 1; // all but the one publish that got through
  const registryDir = path.join(tmp, 'registry');
  const tags = () => repo.git('tag', '--list').split('\n').filter(Boolean).sort();

  const first = await startRegistry({ dir: registryDir, port: 0 });
  registry = first;
  proxy = await startKillProxy(first.url, async () => {
    process.kill(first.pid, 'SIGKILL');
    await first.stop(); // waits for the exit and removes the PID file
  });
  const crashed = await runRelease(repo.dir, proxy.url);
  expect(crashed.code, crashed.output).toBe(1);
  expect(proxy.publishedBeforeKill).toHaveLength(1);
  expect(crashed.output).toMatch(new RegExp(`failed: +${rest}\n`));
  expect(crashed.output).toContain('Release incomplete');
  expect(crashed.output).toContain('re-run `promptpack release`');
  const [publishedName] = proxy.publishedBeforeKill;
  await proxy.close();
  proxy = undefined;

  // Restart on the same storage: exactly the one publish that got through is there, and only it is tagged.
  registry = await startRegistry({ dir: registryDir, port: 0 });
  const present: string[] = [];
  for (const name of names) {
    const versions = await publishedVersions(registry.url, name);
    if (versions.length > 0) present.push(`${name}@${versions.join(',')}`);
  }
  expect(present).toHaveLength(1);
  expect(present[0]?.startsWith(`${publishedName}@`)).toBe(true);
  expect(tags()).toEqual(present);

  const rerun = await runRelease(repo.dir, registry.url);
  expect(rerun.code, rerun.output).toBe(0);
  expect(rerun.output).toMatch(new RegExp(`published: +${rest}\n(.*\n){${rest}}already published: 1\n`));
  for (const name of names) expect(await publishedVersions(registry.url, name)).toHaveLength(1);
  expect(tags()).toHaveLength(names.length);
});
