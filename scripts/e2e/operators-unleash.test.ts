// The operator's CLI on a real Unleash, end to end: `node
// packages/cli/bin/promptpack.js flags …` as a subprocess, against
// unleash-server 8.2.0 and the example support-service (two released
// versions of support-reply installed from a real registry, polling every
// second). Guardrails against the service's own inventory, the weight trap
// read back from /api/client/features, canary → promote → rollback timed
// from the command's start to the first request served with the intended
// version, and kill while Unleash then goes away. Registry and Unleash are
// the ones the e2e files share: the prompts go out under this file's own
// scope, and it keeps to the CLI's flag `prompt.support-reply` (the runtime
// file flips another name); its last test leaves the server stopped, for the
// next user to start again.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeEvalRecord } from '../../packages/spec/test/complete-eval-record.js';
import type { RunningUnleash } from '../unleash/unleash.js';
import { health, installExampleService, publishRuntime, render, renderAll, type RunningService, type ServedMeta, startService } from './lib/example-service.js';
import { repoRoot } from './lib/scratch-repo.js';
import { e2eScopes } from './lib/scopes.js';
import { sharedRegistryUrl, sharedUnleash, withSharedRegistryLock } from './lib/shared-services.js';
import { releaseTwoSupportReplyVersions } from './lib/support-reply-releases.js';

const flag = 'prompt.support-reply';
const refreshMs = 1_000;
const runs = 20;
const resultFile = path.join(repoRoot, '.cache/e2e/operators-latency.json');
const cli = path.join(repoRoot, 'packages/cli/bin/promptpack.js');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-e2e-operators-'));
// The postgres OS user must be able to enter the Unleash state folder.
chmodSync(tmp, 0o755);
const serviceDir = path.join(tmp, 'support-service');
const inventoryFile = path.join(tmp, 'support-service.inventory.json');

const registryUrl = sharedRegistryUrl();
let unleash: RunningUnleash | undefined;
let service: RunningService | undefined;
let versions: { stable: string; next: string; name: string };
/** Every line the CLI printed, to check the admin token never appears. */
const printed: string[] = [];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** From spawn to exit. */
  ms: number;
}

/** Runs the built CLI: resolves when the process exits; `onStart` gets the moment it was spawned. */
function promptpack(args: readonly string[], onStart?: (at: number) => void): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'flags', ...args], {
      cwd: tmp,
      env: { ...process.env, UNLEASH_ADMIN_TOKEN: unleash!.adminToken, USER: 'oncall-e2e', PROMPTPACK_SERVICES: '', PROMPTPACK_INVENTORY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onStart?.(started);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      printed.push(stdout, stderr);
      resolve({ code: code ?? 1, stdout, stderr, ms: performance.now() - started });
    });
  });
}

const target = () => ['--unleash', unleash!.url, '--service', service!.url];
let evalArgs: string[] = [];

/** Sends requests in a tight loop over `users` until one is served as `wanted` says; ms since `since`. */
async function firstServed(users: readonly string[], wanted: (meta: ServedMeta) => boolean, since: () => number, timeoutMs = 15_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last: ServedMeta | undefined;
  for (let request = 0; performance.now() < deadline; request++) {
    const outcome = await render(service!.url, users[request % users.length]!);
    if (!outcome.ok) throw new Error(`request failed while waiting for a flag change: ${outcome.error}`);
    last = outcome.meta;
    if (wanted(outcome.meta)) return performance.now() - since();
  }
  throw new Error(`no request was served as expected within ${timeoutMs} ms; the last said ${JSON.stringify(last)}`);
}

const users = (count: number, prefix = 'user') => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const ms = (value: number) => Math.round(value);
function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: with 20 samples p99 is the largest.
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { count: sorted.length, p50: ms(at(50)), p99: ms(at(99)), min: ms(sorted[0]!), max: ms(sorted.at(-1)!), samples: samples.map(ms) };
}

beforeAll(async () => {
  const started = performance.now();
  if (!existsSync(path.join(repoRoot, 'packages/cli/dist/main.js'))) {
    throw new Error('packages/cli/dist has no `flags` command: build the tooling first (pnpm build:tools).');
  }
  let runtimeVersion = '';
  // Settled, not Promise.all: a failed release must not leave the Unleash start unawaited.
  const [releasing, starting] = await Promise.allSettled([
    releaseTwoSupportReplyVersions(path.join(tmp, 'repo'), registryUrl, {
      scope: e2eScopes.operators,
      alongside: async () => (runtimeVersion = await withSharedRegistryLock(() => publishRuntime(registryUrl))),
    }),
    sharedUnleash(),
  ]);
  if (starting.status === 'fulfilled') unleash = starting.value;
  if (releasing.status === 'rejected') throw releasing.reason;
  if (starting.status === 'rejected') throw starting.reason;
  const released = releasing.value;
  versions = { stable: released.stable, next: released.next, name: released.name };
  const install = await installExampleService(serviceDir, registryUrl, { ...versions, runtime: runtimeVersion });
  if (install.code !== 0) throw new Error(`pnpm install of the example service failed:\n${install.output}`);
  service = await startService(serviceDir, {
    UNLEASH_URL: starting.value.url,
    UNLEASH_TOKEN: starting.value.clientToken,
    UNLEASH_REFRESH_MS: String(refreshMs),
    PROMPTPACK_INVENTORY_FILE: inventoryFile,
  });
  console.log(`setup: registry, releases ${versions.stable} + ${versions.next}, runtime ${runtimeVersion}, install, Unleash, service: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 300_000);

afterAll(async () => {
  await service?.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe('promptpack flags against a real Unleash and the example service', () => {
  const sticky = users(500);
  let canaryUsers: string[] = [];
  let otherUsers: string[] = [];

  it('status reads the service inventory; canary is refused without a passing eval record for the installed contentHash', { timeout: 60_000 }, async () => {
    const inventory = (await (await fetch(`${service!.url}/.well-known/promptpack`)).json()) as { service: string; prompts: Array<{ id: string; versions: Array<{ version: string; contentHash: string }> }> };
    expect(JSON.parse(readFileSync(inventoryFile, 'utf8'))).toEqual(inventory);
    const hashes = new Map(inventory.prompts[0]!.versions.map((entry) => [entry.version, entry.contentHash]));

    const status = await promptpack(['status', 'support-reply', ...target()]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`${flag}  (no flag: every service serves its built-in stable)`);
    expect(status.stdout).toMatch(new RegExp(`support-service {2}${versions.stable} +${versions.stable} \\(${hashes.get(versions.stable)!.slice(0, 12)}\\), ${versions.next} \\(`));

    // The releases were cut with the eval gate skipped: no record exists, and the CLI says so.
    const refused = await promptpack(['canary', 'support-reply', versions.next, '--percent', '10', '--reason', 'e2e', ...target(), '--inventory', inventoryFile]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`[eval-missing] No passing eval record for support-reply@${versions.next} (contentHash ${hashes.get(versions.next)!.slice(0, 12)})`);

    const record = path.join(tmp, `eval-${versions.next}.json`);
    writeFileSync(record, JSON.stringify(completeEvalRecord({ prompt: { name: versions.name, version: versions.next, contentHash: hashes.get(versions.next)! } })));
    evalArgs = ['--eval-result', record];
  });

  it('canary 10% is stored as stable `variable` 900 / canary `fix` 100 (read back from /api/client/features) and serves about 10%', { timeout: 60_000 }, async () => {
    const result = await promptpack(['canary', 'support-reply', versions.next, '--percent', '10', '--reason', 'e2e: first canary', ...target(), ...evalArgs]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`canary ${flag} in development: everyone: ${versions.stable} 90%, ${versions.next} 10%`);

    // What clients get, polled: the server refreshes what clients see about once a second.
    const deadline = performance.now() + 10_000;
    let stored: unknown;
    for (;;) {
      const response = await fetch(`${unleash!.url}/api/client/features/${flag}`, { headers: { Authorization: unleash!.clientToken } });
      const feature = response.ok ? ((await response.json()) as { enabled: boolean; strategies: Array<{ variants: Array<{ name: string; weight: number; weightType: string }> }> }) : undefined;
      stored = feature?.enabled ? feature.strategies.map((strategy) => strategy.variants.map((variant) => [variant.name, variant.weight, variant.weightType])) : undefined;
      if (stored || performance.now() > deadline) break;
    }
    expect(stored).toEqual([
      [
        [versions.stable, 900, 'variable'],
        [versions.next, 100, 'fix'],
      ],
    ]);

    await firstServed(sticky, (meta) => meta.version === versions.next, () => 0);
    const metas = await renderAll(service!.url, users(5_000, 'share'));
    const share = metas.filter((meta) => meta.version === versions.next).length / metas.length;
    console.log(`10% canary through the CLI: ${(share * 100).toFixed(2)}% of 5,000 users on ${versions.next}`);
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    const assignment = await renderAll(service!.url, sticky);
    canaryUsers = sticky.filter((_, index) => assignment[index]!.version === versions.next);
    otherUsers = sticky.filter((_, index) => assignment[index]!.version === versions.stable);
    expect(canaryUsers.length).toBeGreaterThan(20);
  });

  it(`canary 10% -> promote -> rollback, ${runs} times: from the CLI command's start to the first request served with the intended version`, { timeout: 600_000 }, async () => {
    // Back to 100% stable, then each step is observable with one request:
    // the client swaps whole flag states, so a request showing step N's
    // version also shows step N-1 has fully arrived.
    const back = await promptpack(['rollback', 'support-reply', '--reason', 'e2e: start from stable', ...target()]);
    expect(back.code).toBe(0);
    await firstServed(canaryUsers, (meta) => meta.version === versions.stable, () => 0);

    const steps = {
      canary: { args: ['canary', 'support-reply', versions.next, '--percent', '10'], users: () => canaryUsers, version: () => versions.next },
      promote: { args: ['promote', 'support-reply', versions.next], users: () => otherUsers, version: () => versions.next },
      rollback: { args: ['rollback', 'support-reply'], users: () => sticky, version: () => versions.stable },
    };
    const served: Record<keyof typeof steps, number[]> = { canary: [], promote: [], rollback: [] };
    const cliMs: Record<keyof typeof steps, number[]> = { canary: [], promote: [], rollback: [] };
    for (let run = 0; run < runs; run++) {
      for (const [name, step] of Object.entries(steps) as Array<[keyof typeof steps, (typeof steps)['canary']]>) {
        let since = Number.NaN;
        const command = promptpack([...step.args, '--reason', `e2e run ${run}: ${name}`, ...target(), ...evalArgs], (at) => (since = at));
        // Requests start at once: the first one served with the new version ends the measurement, whether the CLI has exited or not.
        const [latency, result] = await Promise.all([firstServed(step.users(), (meta) => meta.version === step.version(), () => since), command]);
        if (result.code !== 0) throw new Error(`${name} (run ${run}) exited ${result.code}:\n${result.stdout}${result.stderr}`);
        served[name].push(latency);
        cliMs[name].push(result.ms);
      }
    }

    const report = {
      measuredAt: new Date().toISOString(),
      refreshIntervalMs: refreshMs,
      what: 'ms from spawning `node packages/cli/bin/promptpack.js flags <command>` to the first request the example service served with the intended version (unleash-server 8.2.0, support-service over HTTP)',
      served: { canary: summary(served.canary), promote: summary(served.promote), rollback: summary(served.rollback), all: summary([...served.canary, ...served.promote, ...served.rollback]) },
      cliProcess: { canary: summary(cliMs.canary), promote: summary(cliMs.promote), rollback: summary(cliMs.rollback) },
    };
    mkdirSync(path.dirname(resultFile), { recursive: true });
    writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
    const line = (name: string, s: ReturnType<typeof summary>) => `${name.padEnd(9)} n=${s.count}  p50 ${s.p50} ms  p99 ${s.p99} ms  min ${s.min} ms  max ${s.max} ms`;
    console.log(
      [
        `CLI command start -> first request served with the intended version (refreshInterval ${refreshMs} ms), written to ${path.relative(repoRoot, resultFile)}:`,
        ...Object.entries(report.served).map(([name, s]) => `  ${line(name, s)}`),
        'of which the CLI process itself (start to exit):',
        ...Object.entries(report.cliProcess).map(([name, s]) => `  ${line(name, s)}`),
      ].join('\n'),
    );
    expect(served.canary).toHaveLength(runs);
    expect(served.rollback).toHaveLength(runs);

    // Every change is in the flag's history with its reason, the rollbacks included.
    const history = await promptpack(['history', 'support-reply', '--json', '--unleash', unleash!.url]);
    const entries = (JSON.parse(history.stdout) as { entries: Array<{ command: string; reason: string; actor: string }> }).entries;
    expect(entries).toHaveLength(2 + runs * 3);
    expect(entries.at(-1)).toMatchObject({ command: `rollback to ${versions.stable}`, reason: `e2e run ${runs - 1}: rollback`, actor: 'oncall-e2e' });
  });

  it('kill, then Unleash stops: the service stays on its built-in stable, with no failed request; kill without Unleash fails clearly', { timeout: 90_000 }, async () => {
    const canary = await promptpack(['canary', 'support-reply', versions.next, '--percent', '10', '--reason', 'e2e: before kill', ...target(), ...evalArgs]);
    expect(canary.code).toBe(0);
    await firstServed(canaryUsers, (meta) => meta.version === versions.next, () => 0);

    let since = 0;
    const kill = promptpack(['kill', 'support-reply', '--reason', 'e2e: kill switch', ...target()], (at) => (since = at));
    const killMs = await firstServed(canaryUsers, (meta) => meta.version === versions.stable && meta.reason === 'flag-disabled', () => since);
    expect((await kill).code).toBe(0);

    const stopStarted = Date.now();
    await unleash!.stopServer();
    const failures: string[] = [];
    const served = new Map<string, number>();
    let requests = 0;
    const deadline = performance.now() + 20_000;
    // Until the service's client has failed to reach Unleash, then 1,000 more requests.
    let noticed = false;
    for (let extra = 0; extra < 1_000; extra += noticed ? 1 : 0) {
      if (performance.now() > deadline) throw new Error('the service did not notice Unleash was gone within 20 s');
      const outcome = await render(service!.url, sticky[requests++ % sticky.length]!);
      if (!outcome.ok) failures.push(outcome.error);
      else served.set(`${outcome.meta.version} ${outcome.meta.reason}`, (served.get(`${outcome.meta.version} ${outcome.meta.reason}`) ?? 0) + 1);
      if (!noticed && requests % 50 === 0) {
        const event = (await health(service!.url)).flags.lastEvent;
        noticed = event?.type === 'error' && Date.parse(event.at) >= stopStarted;
      }
    }
    console.log(`kill reached the service ${ms(killMs)} ms after the command started; with Unleash stopped, ${requests} requests: ${JSON.stringify(Object.fromEntries(served))}`);
    expect(failures).toEqual([]);
    expect([...served.keys()]).toEqual([`${versions.stable} flag-disabled`]);

    const down = await promptpack(['kill', 'support-reply', '--reason', 'e2e: Unleash down', ...target()]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot reach Unleash at http:\/\/127\.0\.0\.1:\d+ .*ECONNREFUSED/);
    expect(printed.join('\n')).not.toContain(unleash!.adminToken.split('.')[1]);
  });
});
