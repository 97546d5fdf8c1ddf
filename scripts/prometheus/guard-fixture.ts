// What the guard's integration tests share: a /metrics endpoint with every
// series at zero, a real Prometheus scraping it, the service inventory and
// eval records the guardrails want, the CLI run in-process, and bounded
// waits for Prometheus to have scraped what the test set.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../packages/cli/src/main.js';
import type { Io } from '../../packages/cli/src/output.js';
import { prometheusClient } from '../../packages/operate/src/index.js';
import { completeEvalRecord } from '../../packages/spec/test/complete-eval-record.js';
import { pollUntil } from '../lib/process.js';
import { type MetricsEndpoint, startMetricsEndpoint } from './metrics-endpoint.js';
import { type RunningPrometheus, startPrometheus } from './prometheus.js';

export const id = 'support-reply';
const versions = { '1.0.0': 'hash-100', '1.1.0': 'hash-110', '1.2.0': 'hash-120' };

export interface GuardFixture {
  dir: string;
  endpoint: MetricsEndpoint;
  prometheus: RunningPrometheus;
  /** --inventory and --eval-result options for the guardrails. */
  common: string[];
  run(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  restartPrometheus(): Promise<void>;
  /** Waits until Prometheus has scraped `total` outcomes of a version (a bounded poll, not a sleep). */
  scraped(version: string, total: number): Promise<void>;
  /** Waits for a scrape after now: the zeros inside a canary's window, so increase() sees the counters grow. */
  scrapedSinceNow(version: string): Promise<void>;
  close(): Promise<void>;
}

export async function startGuardFixture(): Promise<GuardFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-guard-'));
  const endpoint = await startMetricsEndpoint();
  // Every series exists at zero before any canary starts, as a running service's do.
  for (const version of Object.keys(versions)) {
    for (const outcome of ['ok', 'parse_failure'] as const) endpoint.set(id, version, outcome, 0);
    endpoint.setDurations(id, version, { '1': 0, '2.5': 0, '5': 0 }, 0);
  }
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify({ service: 'support-service', prompts: [{ id, name: '@acme/prompt-support-reply', stable: '1.0.0', versions: Object.entries(versions).map(([version, contentHash]) => ({ version, contentHash })) }] }));
  for (const [version, contentHash] of Object.entries(versions)) writeFileSync(path.join(dir, `eval-${version}.json`), JSON.stringify(completeEvalRecord({ prompt: { version, contentHash } })));
  const fixture: GuardFixture = {
    dir,
    endpoint,
    prometheus: await startPrometheus({ dir, targets: [endpoint.target], port: 0, log: () => undefined }),
    common: ['--inventory', path.join(dir, 'inventory.json'), ...['1.1.0', '1.2.0'].flatMap((version) => ['--eval-result', path.join(dir, `eval-${version}.json`)])],
    async run(env, ...args) {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: false, err: false } };
      const code = await main(['flags', ...args], io, { env: { USER: 'oncall', ...env }, cwd: dir });
      return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
    },
    async restartPrometheus() {
      fixture.prometheus = await startPrometheus({ dir, targets: [endpoint.target], port: fixture.prometheus.port, log: () => undefined });
    },
    async scraped(version, total) {
      const client = prometheusClient({ url: fixture.prometheus.url });
      const query = `sum(promptpack_outcomes_total{promptpack_prompt_version="${version}"})`;
      const seen = await pollUntil(async () => (await client.query(query).catch(() => []))[0]?.value === total, { timeoutMs: 30_000, intervalMs: 200 });
      if (!seen) throw new Error(`Prometheus at ${fixture.prometheus.url} did not scrape ${total} outcomes of ${version} within 30 s`);
    },
    async scrapedSinceNow(version) {
      const client = prometheusClient({ url: fixture.prometheus.url });
      const since = Date.now() / 1000;
      const query = `min(timestamp(promptpack_outcomes_total{promptpack_prompt_version="${version}"}))`;
      expect(await pollUntil(async () => ((await client.query(query).catch(() => []))[0]?.value ?? 0) > since, { timeoutMs: 30_000, intervalMs: 200 })).toBe(true);
    },
    async close() {
      await fixture.prometheus.stop();
      await endpoint.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/** Parse failures 30% on the canary against 2% on stable: 100 and 2,000 requests. */
export async function badCanaryTraffic(fixture: GuardFixture, version: string): Promise<void> {
  fixture.endpoint.set(id, '1.0.0', 'ok', 1960);
  fixture.endpoint.set(id, '1.0.0', 'parse_failure', 40);
  fixture.endpoint.set(id, version, 'ok', 70);
  fixture.endpoint.set(id, version, 'parse_failure', 30);
  await fixture.scraped(version, 100);
  await fixture.scraped('1.0.0', 2000);
}
