// The runtime on a real Unleash, end to end, as a service owner runs it: two
// released versions of support-reply and @promptpack/runtime installed from
// a real Verdaccio into a copy of examples/support-service, run as separate
// `node server.mjs` processes and driven over HTTP, against unleash-server
// 8.2.0 on a private PostgreSQL. Registry and Unleash are the ones the e2e
// files share: the prompts go out under this file's own scope, and the
// service reads its own flag name (flag names and their event history are
// instance-wide; the operators file owns `prompt.support-reply`). The tests
// run in order and hand the flag state on (10% canary at the end of each).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminApi, adminApi } from '../unleash/admin-api.js';
import type { RunningUnleash } from '../unleash/unleash.js';
import { distribution, health, installExampleService, publishRuntime, render, renderAll, type RunningService, type ServedMeta, startService } from './lib/example-service.js';
import { releaseTwoSupportReplyVersions } from './lib/support-reply-releases.js';
import { repoRoot } from './lib/scratch-repo.js';
import { e2eScopes } from './lib/scopes.js';
import { sharedRegistryUrl, sharedUnleash, withSharedRegistryLock } from './lib/shared-services.js';

// The runtime's flagPrefix option, through the example service's PROMPTPACK_FLAG_PREFIX.
const flagPrefix = 'e2e-runtime.';
const flag = `${flagPrefix}support-reply`;
const refreshMs = 1_000;
/** Rollbacks measured, each followed by a measured re-promotion: 2 × this many flips. */
const rollbacks = 20;
const convergeTimeoutMs = 10_000;
/** From a service's start to its first flag answer: one Unleash fetch, which a loaded CI machine can make slow. */
const startTimeoutMs = 30_000;
const distinctUsers = 5_000;
const resultFile = path.join(repoRoot, '.cache/e2e/runtime-rollback.json');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-runtime-'));
// The postgres OS user must be able to enter the Unleash state folder.
chmodSync(tmp, 0o755);
const serviceDir = path.join(tmp, 'support-service');
const backupDir = path.join(tmp, 'flags-backup');

const registryUrl = sharedRegistryUrl();
let unleash: RunningUnleash | undefined;
let admin: AdminApi;
let versions: { stable: string; next: string };
const services = new Set<RunningService>();

/** A fresh `node server.mjs` against Unleash; stopped in afterAll if a test does not. */
async function startAgainstUnleash(extraEnv: Record<string, string> = {}): Promise<RunningService> {
  const service = await startService(serviceDir, {
    UNLEASH_URL: unleash!.url,
    UNLEASH_TOKEN: unleash!.clientToken,
    UNLEASH_REFRESH_MS: String(refreshMs),
    PROMPTPACK_FLAG_PREFIX: flagPrefix,
    ...extraEnv,
  });
  services.add(service);
  return service;
}

async function stopService(service: RunningService): Promise<void> {
  await service.stop();
  services.delete(service);
}

/**
 * Sends requests in a tight loop, cycling through `users`, until one is
 * served as `wanted` says; returns the milliseconds since `since`. Throws
 * after `timeoutMs`, or when a request fails. Only exact when no user in
 * `users` could be served `wanted` before the change being waited for.
 */
async function firstServed(service: RunningService, users: readonly string[], wanted: (meta: ServedMeta) => boolean, since: number, timeoutMs = convergeTimeoutMs): Promise<number> {
  const deadline = since + timeoutMs;
  let last: ServedMeta | undefined;
  for (let request = 0; performance.now() < deadline; request++) {
    const outcome = await render(service.url, users[request % users.length]!);
    if (!outcome.ok) throw new Error(`request failed while waiting for a flag change: ${outcome.error}`);
    last = outcome.meta;
    if (wanted(outcome.meta)) return performance.now() - since;
  }
  throw new Error(`no request was served as expected within ${timeoutMs} ms; the last said ${JSON.stringify(last)}`);
}

/** Re-sends `users` until every one is served the version `expected` names (bounded); returns the last answers. */
async function servesAssignment(service: RunningService, users: readonly string[], expected: ReadonlyMap<string, string>, timeoutMs = convergeTimeoutMs): Promise<ServedMeta[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const metas = await renderAll(service.url, users);
    if (metas.every((meta, index) => meta.version === expected.get(users[index]!))) return metas;
    if (performance.now() > deadline) {
      const wrong = metas.filter((meta, index) => meta.version !== expected.get(users[index]!)).length;
      throw new Error(`${wrong} of ${users.length} users still served other versions after ${timeoutMs} ms`);
    }
  }
}

/** Polls `condition` every 10 ms until it is true; throws after `timeoutMs`. */
async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const users = (count: number, prefix = 'user') => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const ms = (value: number) => Math.round(value);

function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank: with 20 samples p99 is the largest one.
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: ms(percentile(sorted, 50)), p99: ms(percentile(sorted, 99)), max: ms(sorted.at(-1)!), min: ms(sorted[0]!), samples: samples.map(ms) };
}

beforeAll(async () => {
  const started = performance.now();
  let runtimeVersion = '';
  // Unleash's start (cold: initdb, ~400 migrations; or a restart after another file stopped it) overlaps the two releases.
  const [released, running] = await Promise.all([
    releaseTwoSupportReplyVersions(path.join(tmp, 'repo'), registryUrl, {
      scope: e2eScopes.runtime,
      alongside: async () => (runtimeVersion = await withSharedRegistryLock(() => publishRuntime(registryUrl))),
    }),
    sharedUnleash(),
  ]);
  unleash = running;
  versions = { stable: released.stable, next: released.next };
  const install = await installExampleService(serviceDir, registryUrl, { ...versions, name: released.name, runtime: runtimeVersion });
  if (install.code !== 0) throw new Error(`pnpm install of the example service failed:\n${install.output}`);

  admin = adminApi({ url: unleash.url, adminToken: unleash.adminToken });
  await admin.createFlag(flag);
  await admin.setCanary(flag, { stable: versions.stable, canary: versions.next, percent: 10 });
  await admin.enable(flag);
  console.log(`setup: registry, releases ${versions.stable} + ${versions.next}, runtime ${runtimeVersion}, install, Unleash: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 300_000);

afterAll(async () => {
  for (const service of services) await service.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('support-service on a real Unleash', () => {
  let main: RunningService;
  /** Which version each of the first 500 users got from the 10% canary. */
  const assignment = new Map<string, string>();
  const sticky = users(500);
  /** The later tests compare against the first test's assignment: without it they would only repeat its failure, less clearly. */
  const needsAssignment = () => {
    if (assignment.size !== sticky.length) throw new Error(`the first test did not record which version each of the ${sticky.length} users got (it failed); this test compares against that`);
  };

  // Over HTTP the split is shown on 5,000 distinct users (the runtime's unit
  // tests split 20,000 in process): 20,000 requests took 4 s on an idle
  // machine but 131 s on a 2-core one at load 18, and a CI run once ran out
  // of this test's time with them. Every later test reads `assignment`.
  it(`a 10% canary serves the new version to 10% ± 1.5% of ${distinctUsers.toLocaleString('en')} distinct users`, { timeout: 300_000 }, async () => {
    main = await startAgainstUnleash({ UNLEASH_BACKUP_DIR: backupDir });
    await firstServed(main, sticky, (meta) => meta.reason !== 'source-not-ready', performance.now(), startTimeoutMs);

    const all = users(distinctUsers);
    const started = performance.now();
    const metas = await renderAll(main.url, all);
    const elapsed = performance.now() - started;
    const shares = distribution(metas);
    console.log(`${distinctUsers.toLocaleString('en')} requests over HTTP in ${(elapsed / 1000).toFixed(1)} s: ${shares.map((row) => `${row.version} ${(row.share * 100).toFixed(2)}%`).join(', ')}`);

    expect(shares.map((row) => row.version)).toEqual([versions.stable, versions.next]);
    const canary = shares.find((row) => row.version === versions.next)!;
    expect(canary.share).toBeGreaterThanOrEqual(0.085);
    expect(canary.share).toBeLessThanOrEqual(0.115);
    expect(new Set(metas.map((meta) => meta.reason))).toEqual(new Set(['flag-variant']));
    expect(metas.every((meta) => meta.variant === meta.version)).toBe(true);
    sticky.forEach((user, index) => assignment.set(user, metas[index]!.version));
  });

  it('the same 500 users get the same versions from a second, freshly started process', { timeout: 60_000 }, async () => {
    needsAssignment();
    const second = await startAgainstUnleash();
    expect(second.pid).not.toBe(main.pid);
    await firstServed(second, sticky, (meta) => meta.reason !== 'source-not-ready', performance.now(), startTimeoutMs);
    const metas = await renderAll(second.url, sticky);
    await stopService(second);

    const canaryUsers = sticky.filter((user) => assignment.get(user) === versions.next).length;
    console.log(`sticky: ${canaryUsers} of 500 users on ${versions.next} in both processes (pids ${main.pid}, ${second.pid})`);
    expect(canaryUsers).toBeGreaterThan(0);
    expect(metas.map((meta) => meta.version)).toEqual(sticky.map((user) => assignment.get(user)));
  });

  it(`rollbacks through the Admin API reach the service (${rollbacks} rollbacks and ${rollbacks} re-promotions, refreshInterval ${refreshMs} ms)`, { timeout: 150_000 }, async () => {
    needsAssignment();
    const everyone = (version: string) => new Map(sticky.map((user) => [user, version]));
    const toStable = everyone(versions.stable);
    const toNext = everyone(versions.next);
    await admin.setCanary(flag, { stable: versions.stable, canary: versions.next, percent: 100 });
    await servesAssignment(main, sticky, toNext);

    const rollbackMs: number[] = [];
    const promoteMs: number[] = [];
    // Each flip is timed from the start of the Admin API call to the first
    // request served with the intended version. Before it, the service must
    // serve the previous state to all 500 users: then the only other state
    // it can have is the new one, and one request shows it. A flip started
    // right after the last one converged would always land at the same point
    // of the client's 1 s poll cycle; a spread offset samples the whole cycle.
    const flip = async (index: number, change: () => Promise<unknown>, target: string, before: Map<string, string>): Promise<number> => {
      await servesAssignment(main, sticky, before);
      await new Promise((resolve) => setTimeout(resolve, ((index * 0.618_034) % 1) * refreshMs));
      const since = performance.now();
      await change();
      return firstServed(main, sticky, (meta) => meta.version === target, since);
    };
    for (let index = 0; index < rollbacks; index++) {
      rollbackMs.push(await flip(index, () => admin.rollback(flag, versions.stable), versions.stable, toNext));
      promoteMs.push(await flip(index + 0.5, () => admin.setCanary(flag, { stable: versions.stable, canary: versions.next, percent: 100 }), versions.next, toStable));
    }

    const report = {
      measuredAt: new Date().toISOString(),
      refreshIntervalMs: refreshMs,
      what: 'ms from the start of the Admin API call to the first request served with the intended version (support-service over HTTP, unleash-server 8.2.0)',
      rollback: summary(rollbackMs),
      promote: summary(promoteMs),
      all: summary([...rollbackMs, ...promoteMs]),
    };
    mkdirSync(path.dirname(resultFile), { recursive: true });
    writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
    const line = (name: string, s: ReturnType<typeof summary>) => `${name.padEnd(9)} n=${s.count}  p50 ${s.p50} ms  p99 ${s.p99} ms  max ${s.max} ms  min ${s.min} ms`;
    console.log(`flag change → first request served with it (refreshInterval ${refreshMs} ms), written to ${path.relative(repoRoot, resultFile)}:\n  ${line('rollback', report.rollback)}\n  ${line('promote', report.promote)}\n  ${line('all', report.all)}`);

    expect(rollbackMs).toHaveLength(rollbacks);
    expect(promoteMs).toHaveLength(rollbacks);
    // Back to the 10% canary for the next tests.
    await admin.setCanary(flag, { stable: versions.stable, canary: versions.next, percent: 10 });
    await servesAssignment(main, sticky, assignment);
  });

  it('Unleash stopped mid-traffic: zero failed requests, the last known versions, and it converges after a restart', { timeout: 90_000 }, async () => {
    needsAssignment();
    type Phase = 'before' | 'stopping' | 'stopped';
    let phase: Phase = 'before';
    let running = true;
    const served: Array<{ phase: Phase; user: string; version: string }> = [];
    const failures: string[] = [];
    const counts = { before: 0, stopping: 0, stopped: 0 };
    const traffic = Array.from({ length: 4 }, async (_, worker) => {
      for (let request = worker; running; request += 4) {
        const user = sticky[request % sticky.length]!;
        const requestPhase = phase;
        const outcome = await render(main.url, user);
        if (outcome.ok) served.push({ phase: requestPhase, user, version: outcome.meta.version });
        else failures.push(`${requestPhase} ${user}: ${outcome.error}`);
        counts[requestPhase]++;
      }
    });

    try {
      await waitFor(() => counts.before >= 500, '500 requests before the stop');
      phase = 'stopping';
      const stopStarted = Date.now();
      await unleash!.stopServer();
      phase = 'stopped';
      // Until the service's Unleash client has failed to reach the server at least once, then 1,000 more requests.
      await waitFor(async () => {
        const event = (await health(main.url)).flags.lastEvent;
        return event?.type === 'error' && Date.parse(event.at) >= stopStarted;
      }, 'the service to notice Unleash is gone');
      const target = counts.stopped + 1_000;
      await waitFor(() => counts.stopped >= target, '1,000 requests after the stop');
    } finally {
      running = false;
      await Promise.all(traffic);
    }

    const wrong = served.filter((entry) => entry.version !== assignment.get(entry.user));
    console.log(`mid-traffic stop: ${counts.before} requests before, ${counts.stopping} during stopServer(), ${counts.stopped} after; ${failures.length} failed, ${wrong.length} served another version`);
    // The first few of each, not thousands: a long diff pushes the first failure out of a CI log's tail.
    expect(failures.slice(0, 5), `${failures.length} requests failed`).toEqual([]);
    expect(counts.stopping + counts.stopped).toBeGreaterThanOrEqual(1_000);
    expect(wrong.slice(0, 5), `${wrong.length} of ${served.length} requests served another version than before the stop`).toEqual([]);
    expect((await health(main.url)).flags.lastEvent?.message).toMatch(/Serving the last known flags/);

    const restart = performance.now();
    await unleash!.startServer();
    const restarted = performance.now() - restart;
    // Converged again: a rollback made after the restart reaches the service.
    // Only users the canary holds can show the rollback.
    const canaryUsers = sticky.filter((user) => assignment.get(user) === versions.next);
    const since = performance.now();
    await admin.rollback(flag, versions.stable);
    const converge = await firstServed(main, canaryUsers, (meta) => meta.version === versions.stable, since, 20_000);
    console.log(`Unleash restarted in ${(restarted / 1000).toFixed(1)} s; a rollback after it reached the service in ${ms(converge)} ms`);
    await admin.setCanary(flag, { stable: versions.stable, canary: versions.next, percent: 10 });
    await servesAssignment(main, sticky, assignment);
  });

  it('a service started while Unleash is down serves its first request: stable without a backup, the last known flags with one', { timeout: 90_000 }, async () => {
    needsAssignment();
    // The long-running service is the "previous run": its backup holds the 10% canary.
    const backupFile = path.join(backupDir, 'promptpack-unleash-support-service.json');
    const canaryWeight = () => {
      try {
        const backup = JSON.parse(readFileSync(backupFile, 'utf8')) as { features: Array<{ name: string; strategies: Array<{ variants?: Array<{ name: string; weight: number }> }> }> };
        return backup.features.find((feature) => feature.name === flag)?.strategies[0]?.variants?.find((variant) => variant.name === versions.next)?.weight;
      } catch {
        return undefined;
      }
    };
    await waitFor(() => canaryWeight() === 100, `the 10% canary in ${backupFile}`);
    await stopService(main);
    await unleash!.stopServer();

    // The first request of each goes to a user the canary holds.
    const canaryUser = sticky.find((user) => assignment.get(user) === versions.next)!;
    const cold = await startAgainstUnleash();
    const coldFirst = await render(cold.url, canaryUser);
    const warm = await startAgainstUnleash({ UNLEASH_BACKUP_DIR: backupDir });
    const warmFirst = await render(warm.url, canaryUser);
    console.log(`started while Unleash was down: without backup → ${JSON.stringify(coldFirst.ok && { version: coldFirst.meta.version, reason: coldFirst.meta.reason })}; with backup → ${JSON.stringify(warmFirst.ok && { version: warmFirst.meta.version, reason: warmFirst.meta.reason })}`);

    expect(coldFirst).toMatchObject({ ok: true, meta: { version: versions.stable, reason: 'source-not-ready' } });
    expect(warmFirst).toMatchObject({ ok: true, meta: { version: versions.next, reason: 'flag-variant' } });
    const coldAll = await renderAll(cold.url, sticky);
    expect(new Set(coldAll.map((meta) => `${meta.version} ${meta.reason}`))).toEqual(new Set([`${versions.stable} source-not-ready`]));
    const warmAll = await renderAll(warm.url, sticky);
    expect(warmAll.map((meta) => meta.version)).toEqual(sticky.map((user) => assignment.get(user)));

    // Unleash comes back: the service that started without flags converges to the canary.
    const since = performance.now();
    await unleash!.startServer();
    await servesAssignment(cold, sticky, assignment, 30_000);
    console.log(`the service started without flags served the canary ${((performance.now() - since) / 1000).toFixed(1)} s after startServer() began`);
    await stopService(cold);
    await stopService(warm);
  });
});
