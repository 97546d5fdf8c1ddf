// `promptpack flags guard --once` against a real Prometheus (Debian's,
// started by ./prometheus.ts) scraping a /metrics endpoint whose counts the
// test sets, on a flags file: a healthy canary is left alone, Prometheus
// stopped makes the guard hold (exit 5) and restarted it resumes, a canary
// that fails to parse 30% of the time is rolled back with the evidence in
// the audit trail. Long-lived, it stops on SIGTERM after its evaluation,
// and stops by itself when an operator rolls the canary back meanwhile.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusClient } from '../../packages/operate/src/index.js';
import { pollUntil } from '../lib/process.js';
import { badCanaryTraffic, type GuardFixture, id, startGuardFixture } from './guard-fixture.js';

let fixture: GuardFixture;
beforeAll(async () => {
  fixture = await startGuardFixture();
}, 120_000);
afterAll(() => fixture?.close());

const run = (...args: string[]) => fixture.run({}, ...args);
async function startCanary(file: string, version: string): Promise<void> {
  expect(await run('canary', id, version, '--percent', '10', '--reason', `try ${version}`, '--file', file, ...fixture.common)).toMatchObject({ code: 0 });
  await fixture.scrapedSinceNow(version);
}
const guard = (file: string, ...extra: string[]) => run('guard', id, '--once', '--prometheus', fixture.prometheus.url, '--metric', 'parse-failure', '--file', file, ...fixture.common, ...extra);
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The long-lived guard in its own process, with what it printed so far. */
function spawnGuard(file: string): { child: ChildProcess; stdout: () => string; stderr: () => string; printed: (pattern: RegExp) => Promise<void> } {
  const args = ['flags', 'guard', id, '--interval', '1s', '--prometheus', fixture.prometheus.url, '--metric', 'parse-failure', '--file', file, ...fixture.common];
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'run-cli.ts'), ...args], { cwd: repoRoot, env: { ...process.env, USER: 'oncall', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  // Resolves when the output matches; a bounded wait (the guard evaluates every second), never a sleep.
  const printed = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the guard did not print ${pattern} within 60 s:\n${stdout}\n${stderr}`)), 60_000);
      const check = () => {
        if (!pattern.test(stdout + stderr)) return;
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, printed };
}

const audit = (file: string) => readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

describe('promptpack flags guard --once with a real Prometheus, on a flags file', () => {
  it('a healthy canary (2% vs 2% parse failures) is not rolled back; Prometheus stopped: held (exit 5); restarted: resumes', async () => {
    const file = path.join(fixture.dir, 'healthy.json');
    await startCanary(file, '1.1.0');
    fixture.endpoint.set(id, '1.0.0', 'ok', 980);
    fixture.endpoint.set(id, '1.0.0', 'parse_failure', 20);
    fixture.endpoint.set(id, '1.1.0', 'ok', 98);
    fixture.endpoint.set(id, '1.1.0', 'parse_failure', 2);
    await fixture.scraped('1.1.0', 100);
    await fixture.scraped('1.0.0', 1000);

    const watching = await guard(file);
    expect(watching.stderr).toBe('');
    expect(watching.code).toBe(0);
    expect(watching.stdout).toMatch(/support-reply 1\.1\.0 10% over 1\.0\.0 \(\d+m\d+s\): watching: healthy so far; stepping is off\n {2}parse-failure 2\.0% vs 2\.0% \(n \d+ vs \d+; log LR -?\d+\.\d\d < 4\.61\)/);
    expect(audit(file).map((record) => record.command)).toEqual(['canary']);

    await fixture.prometheus.stop();
    const held = await guard(file);
    expect(held.code).toBe(5);
    expect(held.stderr).toMatch(new RegExp(`^held: no data: Prometheus at ${fixture.prometheus.url}/api/v1/query cannot be reached \\(ECONNREFUSED\\) \\(query: .+\\)\\. Not promoting, not rolling back\\.$`));
    expect(held.stdout).toMatch(/: held: no data:/);
    expect(audit(file)).toHaveLength(1);

    await fixture.restartPrometheus();
    await fixture.scraped('1.1.0', 100);
    const resumed = await guard(file, '--json');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ id, outcome: 'watching', message: 'healthy so far; stepping is off', run: { version: '1.1.0', stable: '1.0.0', percent: 10 }, decision: { action: 'watch', verdicts: [{ metric: 'parse-failure', status: 'not-worse' }] } });
  }, 120_000);

  it('a canary failing to parse 30% of the time is rolled back through `flags rollback`, with the evidence in the audit trail', async () => {
    const file = path.join(fixture.dir, 'bad.json');
    await startCanary(file, '1.2.0');
    await badCanaryTraffic(fixture, '1.2.0');

    const result = await guard(file);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/rolled-back: rolled back: canary worse on parse-failure: parse-failure 30\.0% vs 2\.0% .*; now everyone: 1\.0\.0 100%/);
    const [started, rollback] = audit(file);
    expect(started.command).toBe('canary');
    expect(rollback).toMatchObject({ command: 'rollback', actor: 'promptpack-guard (oncall)', after: { stable: '1.0.0', canary: null } });
    expect(rollback.reason).toMatch(/^promptpack flags guard: canary worse on parse-failure: parse-failure 30\.0% vs 2\.0%/);
    expect(rollback.evidence).toMatchObject({ decision: 'rollback', prometheus: fixture.prometheus.url, stable: '1.0.0', alpha: 0.01, canary: { version: '1.2.0', percent: 10 } });
    const [metric] = rollback.evidence.metrics;
    expect(metric).toMatchObject({ metric: 'parse-failure', status: 'worse', margin: 0.01, threshold: Math.log(100) });
    expect(metric.logLikelihoodRatio).toBeGreaterThan(metric.threshold);
    expect(metric.canary.value / metric.canary.count).toBeCloseTo(0.3, 2);
    expect(rollback.evidence.queries.some((query: string) => query.includes('promptpack_prompt_version="1.2.0",promptpack_outcome="parse_failure"'))).toBe(true);

    const again = await guard(file);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/serves no canary \(everyone: 1\.0\.0 100%\): nothing to guard/);
  }, 120_000);

  it('long-lived: a manual rollback goes through while it runs, and it stops with a note; SIGTERM stops it after its evaluation, exit 0', async () => {
    const file = path.join(fixture.dir, 'long.json');
    await startCanary(file, '1.1.0');
    const first = spawnGuard(file);
    await first.printed(/watching: /);
    const manual = await run('rollback', id, '--reason', 'INC-9: by hand', '--file', file, ...fixture.common);
    expect(manual.code).toBe(0);
    const [firstCode] = await once(first.child, 'exit');
    expect(firstCode).toBe(0);
    expect(first.stderr()).toMatch(/note: the canary is gone: someone changed the flag \(prompt\.support-reply serves no canary \(everyone: 1\.0\.0 100%\): nothing to guard\); the guard stops/);
    expect(audit(file).map((record) => [record.command, record.actor])).toEqual([
      ['canary', 'oncall'],
      ['rollback', 'oncall'],
    ]);

    await startCanary(file, '1.1.0');
    const second = spawnGuard(file);
    await second.printed(/watching: /);
    second.child.kill('SIGTERM');
    const [secondCode] = await once(second.child, 'exit');
    expect(secondCode).toBe(0);
    expect(second.stderr()).toMatch(/stopping: finishing the current evaluation[\s\S]*stopped by signal; the flag is as the last evaluation left it/);
    expect(audit(file).at(-1)).toMatchObject({ command: 'canary' });
  }, 120_000);

  it('--metric latency: a canary whose model calls are slower than 2.5 s half the time (5% on stable) is rolled back; the threshold matches the bucket however it is written', async () => {
    const file = path.join(fixture.dir, 'latency.json');
    await startCanary(file, '1.1.0');
    fixture.endpoint.setDurations(id, '1.0.0', { '1': 600, '2.5': 950, '5': 990 }, 1000);
    fixture.endpoint.setDurations(id, '1.1.0', { '1': 20, '2.5': 50, '5': 90 }, 100);
    const client = prometheusClient({ url: fixture.prometheus.url });
    const query = 'sum(gen_ai_client_operation_duration_count{promptpack_prompt_version=~"1.0.0|1.1.0"})';
    expect(await pollUntil(async () => (await client.query(query).catch(() => []))[0]?.value === 1100, { timeoutMs: 30_000, intervalMs: 200 })).toBe(true);

    const result = await run('guard', id, '--once', '--prometheus', fixture.prometheus.url, '--metric', 'latency', '--latency-threshold', '2.50', '--file', file, ...fixture.common);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/rolled back: canary worse on latency: latency 50\.0% vs 5\.0%/);
    expect(audit(file).at(-1)).toMatchObject({ command: 'rollback', evidence: { metrics: [{ metric: 'latency', status: 'worse' }] } });
  }, 120_000);
});
