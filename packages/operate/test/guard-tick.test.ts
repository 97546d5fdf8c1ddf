// The guard's evaluation and loop on a flags file, with a Prometheus double
// answering per query (the real one is in scripts/prometheus/guard.test.ts):
// stepping through the same path as `flags canary`/`promote`, a manual
// rollback that lands mid-evaluation, a refused step, and the loop's stops.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';
import { applyChange } from '../src/change.js';
import { type Context, loadContext } from '../src/context.js';
import { runGuard } from '../src/guard-loop.js';
import { guardTick, type GuardOptions, type TickReport } from '../src/guard-tick.js';
import type { PrometheusClient } from '../src/prometheus-client.js';
import { defaultMetric } from '../src/guard-metrics.js';
import { PrometheusError } from '../src/prometheus-error.js';
import { guardSettings } from './guard-simulation.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-guard-tick-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(scratch, 'case-'));
  file = path.join(dir, 'flags.json');
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify({ service: 'svc', prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] }));
  writeFileSync(path.join(dir, 'eval.json'), JSON.stringify(completeEvalRecord({ prompt: { version: '1.1.0', contentHash: 'h2' } })));
});

const contextOf = (evalResults = [path.join(dir, 'eval.json')]) => loadContext({ file, project: 'default', services: [], inventories: [path.join(dir, 'inventory.json')], evalResults, serviceDirs: [], repo: dir }, {}, dir);
const settings = { reason: 'try 1.1.0', actor: 'oncall', force: false };
const quiet = () => undefined;

/** Answers the guard's queries: per version, `bad` of `total` requests; the freshness query with `age`. */
function prometheusDouble(counts: Record<string, { total: number; bad: number }>, age = 3, onQuery: (query: string) => Promise<void> | void = quiet): PrometheusClient {
  return {
    displayUrl: 'http://prometheus.test',
    async query(query) {
      await onQuery(query);
      if (query.startsWith('time() -')) return [{ labels: {}, time: 0, value: age }];
      const version = /promptpack_prompt_version="([^"]+)"/.exec(query)?.[1] ?? '';
      const arm = counts[version] ?? { total: 0, bad: 0 };
      return [{ labels: {}, time: 0, value: query.includes('parse_failure') ? arm.bad : arm.total }];
    },
  };
}

const healthy = { '1.0.0': { total: 5000, bad: 100 }, '1.1.0': { total: 600, bad: 12 } };
const options = (prometheus: PrometheusClient, overrides: Partial<GuardOptions['settings']> = {}): GuardOptions => ({
  id: 'support-reply',
  settings: guardSettings({ metrics: [defaultMetric('parse-failure', {})], steps: [10, 50, 100], minStepSeconds: 0, minStepSamples: 0, ...overrides }),
  freshnessQuery: 'time() - 1',
  prometheus,
  actor: 'promptpack-guard',
});
const audit = () => readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

async function canary(context: Context, percent = 10) {
  await applyChange(context, { command: 'canary', id: 'support-reply', version: '1.1.0', percent, tenants: [], stable: '1.0.0' }, settings, quiet);
}

describe('guardTick', () => {
  it('steps a healthy canary up through `flags canary`, then promotes it through `flags promote`, recording why', async () => {
    const context = await contextOf();
    await canary(context);
    const first = await guardTick(context, options(prometheusDouble(healthy)), quiet);
    expect(first).toMatchObject({ outcome: 'stepped', record: { command: 'canary', args: { version: '1.1.0', percent: 50, stable: '1.0.0' } } });
    const second = await guardTick(context, options(prometheusDouble(healthy)), quiet);
    expect(second).toMatchObject({ outcome: 'promoted', record: { command: 'promote', after: { stable: '1.1.0', canary: null } } });
    const records = audit();
    expect(records.map((record) => record.command)).toEqual(['canary', 'canary', 'promote']);
    expect(records[2].reason).toMatch(/^promptpack flags guard: healthy for \d+ s and 600 requests at 50%: step to 100%$/);
    expect(records[2].evidence).toMatchObject({ decision: 'step', canary: { version: '1.1.0', percent: 50 }, metrics: [{ metric: 'parse-failure', status: 'not-worse' }] });
  });

  it('a manual rollback landing while the guard waits on Prometheus goes through; the guard then leaves the flag alone', async () => {
    const context = await contextOf();
    await canary(context);
    let rolledBack = false;
    const bad = { '1.0.0': { total: 5000, bad: 100 }, '1.1.0': { total: 600, bad: 180 } };
    const prometheus = prometheusDouble(bad, 3, async () => {
      if (rolledBack) return;
      rolledBack = true;
      // The operator's rollback, while the guard is between its read and its write: no lock is held, so it is not blocked.
      const manual = await applyChange(context, { command: 'rollback', id: 'support-reply' }, { ...settings, reason: 'INC-7: by hand' }, quiet);
      expect(manual.changed).toBe(true);
    });
    const report = await guardTick(context, options(prometheus), quiet);
    expect(report.outcome).toBe('moved');
    expect(report.message).toMatch(/changed while the guard was deciding \(it now serves everyone: 1\.0\.0 100%\)/);
    expect(audit().map((record) => [record.command, record.reason])).toEqual([
      ['canary', 'try 1.1.0'],
      ['rollback', 'INC-7: by hand'],
    ]);
    expect(await guardTick(context, options(prometheus), quiet)).toMatchObject({ outcome: 'no-canary' });
  });

  it('Prometheus failing: held, nothing written', async () => {
    const context = await contextOf();
    await canary(context);
    const down: PrometheusClient = {
      displayUrl: 'http://prometheus.test',
      query: async (query) => {
        throw new PrometheusError('unreachable', 'http://prometheus.test', query, `Prometheus at http://prometheus.test/api/v1/query cannot be reached (ECONNREFUSED) (query: ${query}).`);
      },
    };
    const report = await guardTick(context, options(down), quiet);
    expect(report.outcome).toBe('held');
    expect(report.message).toMatch(/^held: no data: Prometheus at http:\/\/prometheus\.test\/api\/v1\/query cannot be reached \(ECONNREFUSED\)/);
    expect(audit()).toHaveLength(1);
  });

  it('stale data: held, even for a canary that looks bad', async () => {
    const context = await contextOf();
    await canary(context);
    const report = await guardTick(context, options(prometheusDouble({ '1.0.0': { total: 5000, bad: 100 }, '1.1.0': { total: 600, bad: 180 } }, 600)), quiet);
    expect(report).toMatchObject({ outcome: 'held' });
    expect(report.message).toMatch(/stale data: the newest sample is 600 s old/);
    expect(audit()).toHaveLength(1);
  });

  it('a step up refused by a guardrail (no passing eval record any more) is reported, never forced', async () => {
    const context = await contextOf();
    await canary(context);
    const report = await guardTick(await contextOf([]), options(prometheusDouble(healthy)), quiet);
    expect(report.outcome).toBe('refused');
    expect(report.message).toMatch(/^not stepping up to 50%: Refused: canary support-reply 1\.1\.0 did not pass a guardrail:\n {2}- \[eval-missing\]/);
    expect(audit()).toHaveLength(1);
  });
});

describe('runGuard', () => {
  it('an abort (SIGINT) lets the current evaluation finish, then stops', async () => {
    const context = await contextOf();
    await canary(context);
    const controller = new AbortController();
    const ticks: TickReport[] = [];
    const end = await runGuard(context, options(prometheusDouble(healthy), { steps: [] }), { intervalMs: 60_000, signal: controller.signal, onTick: (report) => (ticks.push(report), controller.abort()) }, quiet);
    expect(end).toMatchObject({ stopped: 'signal', last: { outcome: 'watching' } });
    expect(ticks).toHaveLength(1);
  });

  it('ends by itself when the canary is rolled back', async () => {
    const context = await contextOf();
    await canary(context);
    const ticks: TickReport[] = [];
    const bad = { '1.0.0': { total: 5000, bad: 100 }, '1.1.0': { total: 600, bad: 180 } };
    const end = await runGuard(context, options(prometheusDouble(bad)), { intervalMs: 1, signal: new AbortController().signal, onTick: (report) => ticks.push(report) }, quiet);
    expect(end).toMatchObject({ stopped: 'done', last: { outcome: 'rolled-back' } });
    expect(ticks.map((tick) => tick.outcome)).toEqual(['rolled-back']);
  });
});
