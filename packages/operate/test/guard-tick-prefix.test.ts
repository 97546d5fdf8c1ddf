// One prompt, two services, two flags: with a flag prefix (the runtime's
// flagPrefix) and --match label matchers, a guard operates its own service's
// flag and reads only that service's series; the other flag is untouched.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';
import { applyChange } from '../src/change.js';
import { loadContext } from '../src/context.js';
import { FlagsError } from '../src/flags-error.js';
import { defaultMetric } from '../src/guard-metrics.js';
import { guardTick } from '../src/guard-tick.js';
import type { PrometheusClient } from '../src/prometheus-client.js';
import { guardSettings } from './guard-simulation.js';

const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-guard-prefix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify({ service: 'svc', prompts: [{ id: 'refund-triage', name: '@acme/prompt-refund-triage', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] }));
writeFileSync(path.join(dir, 'eval.json'), JSON.stringify(completeEvalRecord({ prompt: { version: '1.1.0', contentHash: 'h2' } })));
const file = path.join(dir, 'flags.json');
const contextOf = (flagPrefix?: string) => loadContext({ file, project: 'default', services: [], inventories: [path.join(dir, 'inventory.json')], evalResults: [path.join(dir, 'eval.json')], serviceDirs: [], repo: dir, flagPrefix }, {}, dir);
const quiet = () => undefined;

/** Checkout's series say the canary fails to parse a third of the time; every other job's are clean. */
function prometheusDouble(queries: string[]): PrometheusClient {
  return {
    displayUrl: 'http://prometheus.test',
    async query(query) {
      queries.push(query);
      if (query.startsWith('time() -')) return [{ labels: {}, time: 0, value: 2 }];
      const checkout = query.includes('job="checkout"');
      const canary = query.includes('promptpack_prompt_version="1.1.0"');
      const total = canary ? 300 : 3000;
      return [{ labels: {}, time: 0, value: query.includes('parse_failure') ? (checkout && canary ? 100 : total * 0.01) : total }];
    },
  };
}

describe('guardTick with a flag prefix and --match', () => {
  it('rolls back checkout.refund-triage on checkout\'s series alone; billing.refund-triage keeps its canary', async () => {
    for (const prefix of ['checkout.', 'billing.']) {
      await applyChange(await contextOf(prefix), { command: 'canary', id: 'refund-triage', version: '1.1.0', percent: 10, tenants: [], stable: '1.0.0' }, { reason: 'try 1.1.0', actor: 'oncall', force: false }, quiet);
    }
    const queries: string[] = [];
    const options = (match: string) => ({ id: 'refund-triage', settings: guardSettings({ metrics: [defaultMetric('parse-failure', {})] }), freshnessQuery: 'time() - max(timestamp(promptpack_outcomes_total{promptpack_prompt_id="{id}"{match}}))', match, prometheus: prometheusDouble(queries), actor: 'promptpack-guard' });

    const billing = await guardTick(await contextOf('billing.'), options('job="billing"'), quiet);
    expect(billing.outcome).toBe('watching');
    const checkout = await guardTick(await contextOf('checkout.'), options('job="checkout"'), quiet);
    expect(checkout).toMatchObject({ outcome: 'rolled-back', record: { flag: 'checkout.refund-triage', command: 'rollback', evidence: { match: 'job="checkout"' } } });
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((query) => /job="(billing|checkout)"/.test(query))).toBe(true);

    const flags = JSON.parse(readFileSync(file, 'utf8')) as { features: Array<{ name: string; strategies: Array<{ variants?: Array<{ name: string }> }> }> };
    const served = Object.fromEntries(flags.features.map((feature) => [feature.name, feature.strategies.flatMap((strategy) => (strategy.variants ?? []).map((variant) => variant.name))]));
    expect(served).toEqual({ 'checkout.refund-triage': ['1.0.0'], 'billing.refund-triage': ['1.0.0', '1.1.0'] });
    // The default prefix sees neither flag.
    expect(await guardTick(await contextOf(), options('job="checkout"'), quiet)).toMatchObject({ outcome: 'no-canary', message: expect.stringContaining('prompt.refund-triage serves no canary') });
  });

  it('a prefix a flag name cannot hold is refused, naming --flag-prefix', async () => {
    await expect(contextOf('check out ')).rejects.toSatisfy((error: unknown) => FlagsError.isInstance(error) && /--flag-prefix "check out " has characters a flag name cannot hold/.test((error as Error).message));
  });
});
