// `promptpack flags guard --once` against a real Prometheus (Debian's,
// started by ./prometheus.ts) scraping a /metrics endpoint whose counts the
// test sets, on a flags file: a healthy canary is left alone, Prometheus
// stopped makes the guard hold (exit 5) and restarted it resumes, a canary
// that fails to parse 30% of the time is rolled back with the evidence in
// the audit trail.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../packages/cli/src/main.js';
import type { Io } from '../../packages/cli/src/output.js';
import { prometheusClient } from '../../packages/operate/src/index.js';
import { completeEvalRecord } from '../../packages/spec/test/complete-eval-record.js';
import { pollUntil } from '../lib/process.js';
import { type MetricsEndpoint, startMetricsEndpoint } from './metrics-endpoint.js';
import { type RunningPrometheus, startPrometheus } from './prometheus.js';

const id = 'support-reply';
const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-guard-'));
let endpoint: MetricsEndpoint;
let prometheus: RunningPrometheus;
let common: string[];

beforeAll(async () => {
  endpoint = await startMetricsEndpoint();
  // Every series exists at zero before any canary starts, as a running service's do.
  for (const version of ['1.0.0', '1.1.0', '1.2.0']) for (const outcome of ['ok', 'parse_failure'] as const) endpoint.set(id, version, outcome, 0);
  prometheus = await startPrometheus({ dir, targets: [endpoint.target], port: 0, log: () => undefined });
  const versions = { '1.0.0': 'hash-100', '1.1.0': 'hash-110', '1.2.0': 'hash-120' };
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify({ service: 'support-service', prompts: [{ id, name: '@acme/prompt-support-reply', stable: '1.0.0', versions: Object.entries(versions).map(([version, contentHash]) => ({ version, contentHash })) }] }));
  for (const [version, contentHash] of Object.entries(versions)) writeFileSync(path.join(dir, `eval-${version}.json`), JSON.stringify(completeEvalRecord({ prompt: { version, contentHash } })));
  common = ['--inventory', path.join(dir, 'inventory.json'), ...['1.1.0', '1.2.0'].flatMap((version) => ['--eval-result', path.join(dir, `eval-${version}.json`)])];
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await endpoint?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: false, err: false } };
  const code = await main(['flags', ...args], io, { env: { USER: 'oncall' }, cwd: dir });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** Waits until Prometheus has scraped `total` outcomes of a version (a bounded poll, not a sleep). */
async function scraped(version: string, total: number): Promise<void> {
  const client = prometheusClient({ url: prometheus.url });
  const query = `sum(promptpack_outcomes_total{promptpack_prompt_version="${version}"})`;
  const seen = await pollUntil(async () => (await client.query(query).catch(() => []))[0]?.value === total, { timeoutMs: 30_000, intervalMs: 200 });
  if (!seen) throw new Error(`Prometheus at ${prometheus.url} did not scrape ${total} outcomes of ${version} within 30 s`);
}

/** A canary on its own flags file, and a scrape of its zeros after its start (so increase() sees the counters grow inside the window). */
async function startCanary(file: string, version: string): Promise<void> {
  const started = await run('canary', id, version, '--percent', '10', '--reason', `try ${version}`, '--file', file, ...common);
  expect(started.code).toBe(0);
  const client = prometheusClient({ url: prometheus.url });
  const since = Date.now() / 1000;
  const query = `min(timestamp(promptpack_outcomes_total{promptpack_prompt_version="${version}"}))`;
  expect(await pollUntil(async () => ((await client.query(query).catch(() => []))[0]?.value ?? 0) > since, { timeoutMs: 30_000, intervalMs: 200 })).toBe(true);
}

const guard = (file: string, ...extra: string[]) => run('guard', id, '--once', '--prometheus', prometheus.url, '--metric', 'parse-failure', '--file', file, ...common, ...extra);
const audit = (file: string) => readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

describe('promptpack flags guard --once with a real Prometheus', () => {
  it('a healthy canary (2% vs 2% parse failures) is not rolled back; Prometheus stopped: held (exit 5); restarted: resumes', async () => {
    const file = path.join(dir, 'healthy.json');
    await startCanary(file, '1.1.0');
    endpoint.set(id, '1.0.0', 'ok', 980);
    endpoint.set(id, '1.0.0', 'parse_failure', 20);
    endpoint.set(id, '1.1.0', 'ok', 98);
    endpoint.set(id, '1.1.0', 'parse_failure', 2);
    await scraped('1.1.0', 100);
    await scraped('1.0.0', 1000);

    const watching = await guard(file);
    expect(watching.stderr).toBe('');
    expect(watching.code).toBe(0);
    expect(watching.stdout).toMatch(/support-reply 1\.1\.0 10% over 1\.0\.0 \(\d+m\d+s\): watching: healthy so far; stepping is off\n {2}parse-failure 2\.0% vs 2\.0% \(n \d+ vs \d+; log LR -?\d+\.\d\d < 4\.61\)/);
    expect(audit(file).map((record) => record.command)).toEqual(['canary']);

    await prometheus.stop();
    const held = await guard(file);
    expect(held.code).toBe(5);
    expect(held.stderr).toMatch(new RegExp(`^held: no data: Prometheus at ${prometheus.url}/api/v1/query cannot be reached \\(ECONNREFUSED\\) \\(query: .+\\)\\. Not promoting, not rolling back\\.$`));
    expect(held.stdout).toMatch(/: held: no data:/);
    expect(audit(file)).toHaveLength(1);

    prometheus = await startPrometheus({ dir, targets: [endpoint.target], port: prometheus.port, log: () => undefined });
    await scraped('1.1.0', 100);
    const resumed = await guard(file);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/watching: healthy so far/);
  }, 120_000);

  it('a canary failing to parse 30% of the time is rolled back through `flags rollback`, with the evidence in the audit trail', async () => {
    const file = path.join(dir, 'bad.json');
    await startCanary(file, '1.2.0');
    endpoint.set(id, '1.0.0', 'ok', 1960);
    endpoint.set(id, '1.0.0', 'parse_failure', 40);
    endpoint.set(id, '1.2.0', 'ok', 70);
    endpoint.set(id, '1.2.0', 'parse_failure', 30);
    await scraped('1.2.0', 100);
    await scraped('1.0.0', 2000);

    const result = await guard(file);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/rolled-back: rolled back: canary worse on parse-failure: parse-failure 30\.0% vs 2\.0% .*; now everyone: 1\.0\.0 100%/);
    const [started, rollback] = audit(file);
    expect(started.command).toBe('canary');
    expect(rollback).toMatchObject({ command: 'rollback', actor: 'promptpack-guard (oncall)', after: { stable: '1.0.0', canary: null } });
    expect(rollback.reason).toMatch(/^promptpack flags guard: canary worse on parse-failure: parse-failure 30\.0% vs 2\.0%/);
    expect(rollback.evidence).toMatchObject({ decision: 'rollback', prometheus: prometheus.url, stable: '1.0.0', alpha: 0.01, canary: { version: '1.2.0', percent: 10 } });
    const [metric] = rollback.evidence.metrics;
    expect(metric).toMatchObject({ metric: 'parse-failure', status: 'worse', margin: 0.01, threshold: Math.log(100) });
    expect(metric.logLikelihoodRatio).toBeGreaterThan(metric.threshold);
    expect(metric.canary.value / metric.canary.count).toBeCloseTo(0.3, 2);
    expect(rollback.evidence.queries.some((query: string) => query.includes('promptpack_prompt_version="1.2.0",promptpack_outcome="parse_failure"'))).toBe(true);

    const again = await guard(file);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/serves no canary \(everyone: 1\.0\.0 100%\): nothing to guard/);
  }, 120_000);
});
