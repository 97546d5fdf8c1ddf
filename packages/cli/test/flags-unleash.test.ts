// `promptpack flags` on a real Unleash (scripts/unleash: PostgreSQL 15 and
// unleash-server 8.2.0 on 127.0.0.1), in-process: what the server stores,
// what clients read back, the event-log history, and a token that is never
// printed.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningUnleash, startUnleash } from '../../../scripts/unleash/unleash.js';
import { main } from '../src/main.js';
import type { Io } from '../src/output.js';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-unleash-'));
chmodSync(scratch, 0o755);
let unleash: RunningUnleash;
let common: string[];
const printed: string[] = [];

beforeAll(async () => {
  unleash = await startUnleash({ dir: path.join(scratch, 'unleash'), port: 0, postgresPort: 0, log: () => {} });
  writeFileSync(path.join(scratch, 'inventory.json'), JSON.stringify({ service: 'svc', prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] }));
  writeFileSync(path.join(scratch, 'eval.json'), JSON.stringify(completeEvalRecord({ prompt: { version: '1.1.0', contentHash: 'h2' } })));
  common = ['--unleash', unleash.url, '--inventory', path.join(scratch, 'inventory.json'), '--eval-result', path.join(scratch, 'eval.json')];
}, 300_000);
afterAll(async () => {
  await unleash?.stop();
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

async function run(args: string[], token = unleash.adminToken) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: false, err: false } };
  const code = await main(['flags', ...args], io, { env: { USER: 'oncall', UNLEASH_ADMIN_TOKEN: token }, cwd: scratch });
  printed.push(...stdout, ...stderr);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** Polls the client API (the server refreshes it about once a second) until `accept` says yes; bounded. */
async function clientFeature(flag: string, accept: (feature: ClientFeature | undefined) => boolean): Promise<ClientFeature | undefined> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const response = await fetch(`${unleash.url}/api/client/features/${flag}`, { headers: { Authorization: unleash.clientToken } });
    const feature = response.ok ? ((await response.json()) as ClientFeature) : undefined;
    if (accept(feature) || performance.now() > deadline) return feature;
  }
}

interface ClientFeature {
  enabled: boolean;
  strategies: Array<{ constraints: Array<{ contextName: string; operator: string; values: string[] }>; variants: Array<{ name: string; weight: number; weightType: string }> }>;
}

const weights = (feature: ClientFeature | undefined) => feature?.strategies.map((strategy) => strategy.variants.map((variant) => `${variant.name} ${variant.weight} ${variant.weightType}`));

describe('promptpack flags --unleash', () => {
  it('canary 10% reaches clients as 900 variable / 100 fix (two variable variants would be stored 500/500)', { timeout: 30_000 }, async () => {
    const result = await run(['canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'first', ...common]);
    expect(result.code).toBe(0);
    const feature = await clientFeature('prompt.support-reply', (f) => f?.enabled === true);
    expect(weights(feature)).toEqual([['1.0.0 900 variable', '1.1.0 100 fix']]);

    // The trap this avoids, on the same server: two `variable` variants of 900/100.
    const admin = (method: string, route: string, body?: unknown) =>
      fetch(`${unleash.url}/api/admin/projects/default/features${route}`, { method, headers: { Authorization: unleash.adminToken, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    await admin('POST', '', { name: 'trap', type: 'release' });
    const variable = (name: string, weight: number) => ({ name, weight, weightType: 'variable', stickiness: 'default' });
    await admin('POST', '/trap/environments/development/strategies', { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: 'trap' }, variants: [variable('1.0.0', 900), variable('1.1.0', 100)] });
    await admin('POST', '/trap/environments/development/on');
    expect(weights(await clientFeature('trap', (f) => f?.enabled === true))).toEqual([['1.0.0 500 variable', '1.1.0 500 variable']]);
  });

  it('a tenant canary is two rules in order; promote, rollback and kill follow; history reads the event log', { timeout: 30_000 }, async () => {
    expect((await run(['canary', 'support-reply', '1.1.0', '--percent', '30', '--tenant', 'acme', ...common, '--reason', 'tenant'])).code).toBe(0);
    const feature = await clientFeature('prompt.support-reply', (f) => f?.strategies.length === 2);
    expect(weights(feature)).toEqual([['1.0.0 700 variable', '1.1.0 300 fix'], ['1.0.0 1000 variable']]);
    expect(feature?.strategies[0]?.constraints).toMatchObject([{ contextName: 'tenantId', operator: 'IN', values: ['acme'] }]);

    expect((await run(['promote', 'support-reply', '1.1.0', '--reason', 'good', ...common])).code).toBe(0);
    expect(weights(await clientFeature('prompt.support-reply', (f) => f?.strategies.length === 1))).toEqual([['1.1.0 1000 variable']]);
    const rollback = await run(['rollback', 'support-reply', '--reason', 'bad', ...common]);
    expect(rollback.stdout).toMatch(/rollback prompt\.support-reply in development: everyone: 1\.0\.0 100%/);
    expect((await run(['kill', 'support-reply', '--reason', 'off', ...common])).code).toBe(0);
    expect((await clientFeature('prompt.support-reply', (f) => f?.enabled === false))?.enabled).toBe(false);

    const status = await run(['status', 'support-reply', ...common]);
    expect(status.stdout).toMatch(/development {2}off {4}off \(built-in stable\)/);
    const history = JSON.parse((await run(['history', 'support-reply', '--json', ...common])).stdout) as { entries: Array<{ command: string; reason: string; actor: string; environment: string }> };
    expect(history.entries.map((entry) => [entry.command, entry.reason])).toEqual([
      ['canary 1.1.0 10%', 'first'],
      ['canary 1.1.0 30% (acme)', 'tenant'],
      ['promote 1.1.0', 'good'],
      ['rollback to 1.0.0', 'bad'],
      ['kill', 'off'],
    ]);
    expect(history.entries.every((entry) => entry.actor === 'oncall' && entry.environment === 'development')).toBe(true);
    const all = JSON.parse((await run(['history', 'support-reply', '--json', '--all', ...common])).stdout) as { entries: Array<{ command: string }> };
    expect(all.entries.some((entry) => entry.command === '(unleash) Flag disabled')).toBe(true);
  });

  it('never prints the admin token, not even when the server rejects it', async () => {
    const wrong = `${unleash.adminToken}x`;
    const result = await run(['status', ...common], wrong);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/HTTP 401/);
    expect(result.stderr).toMatch(/UNLEASH_ADMIN_TOKEN must be an admin token/);
    const secret = unleash.adminToken.split('.')[1]!;
    expect(printed.join('\n')).not.toContain(secret);
  });
});
