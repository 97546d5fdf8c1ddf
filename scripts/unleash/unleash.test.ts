// Self-test of the Unleash harness against the real thing: a private
// PostgreSQL and unleash-server in a throwaway state folder on free ports
// (the npm install in .cache/unleash/server is shared and cached).
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminApi, type StrategyVariant } from './admin-api.js';
import { isAlive, pollUntil } from '../lib/process.js';
import { isHealthy } from './server.js';
import { type RunningUnleash, startUnleash } from './unleash.js';

const heavy = { timeout: 300_000 };

interface ClientFeature {
  name: string;
  enabled: boolean;
  strategies: Array<{ name: string; parameters: Record<string, string>; variants?: StrategyVariant[] }>;
}

describe('a real Unleash server', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'promptpack-unleash-'));
  // mkdtemp makes it 0700; the postgres OS user must be able to enter it.
  chmodSync(dir, 0o755);
  const log: string[] = [];
  let unleash: RunningUnleash;

  beforeAll(async () => {
    const started = performance.now();
    unleash = await startUnleash({ dir, port: 0, postgresPort: 0, log: (line) => log.push(line) });
    console.log(`cold start (initdb + ~400 migrations, npm install cached): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, heavy.timeout);

  afterAll(async () => {
    await unleash?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function clientFeature(name: string, until: (feature: ClientFeature | undefined) => boolean): Promise<ClientFeature | undefined> {
    let last: ClientFeature | undefined;
    // The server refreshes what /api/client/features serves about once a second.
    await pollUntil(
      async () => {
        const response = await fetch(`${unleash.url}/api/client/features`, { headers: { Authorization: unleash.clientToken } });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { features: ClientFeature[] };
        last = body.features.find((feature) => feature.name === name);
        return until(last);
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    return last;
  }

  const weights = (feature: ClientFeature | undefined) => Object.fromEntries((feature?.strategies[0]?.variants ?? []).map((variant) => [variant.name, variant.weight]));

  it('listens on 127.0.0.1 and answers /health', async () => {
    expect(new URL(unleash.url).hostname).toBe('127.0.0.1');
    expect(await isHealthy(unleash.url)).toBe(true);
    expect(unleash.adminToken).toMatch(/^\*:\*\.[0-9a-f]{32}$/);
    expect(unleash.clientToken).toMatch(/^default:development\.[0-9a-f]{32}$/);
  });

  it('stores a 10% canary as exactly 900/100, and a rollback as 100% stable', heavy, async () => {
    const admin = adminApi({ url: unleash.url, adminToken: unleash.adminToken });
    await admin.createFlag('prompt.support-reply');
    await admin.setCanary('prompt.support-reply', { stable: '1.4.0', canary: '1.5.0', percent: 10, stickiness: 'userId' });
    await admin.enable('prompt.support-reply');

    const canary = await clientFeature('prompt.support-reply', (feature) => feature?.enabled === true && feature.strategies.length === 1);
    expect(canary?.strategies[0]).toMatchObject({ name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'userId' } });
    expect(weights(canary)).toEqual({ '1.4.0': 900, '1.5.0': 100 });

    await admin.rollback('prompt.support-reply', '1.4.0');
    const rolledBack = await clientFeature('prompt.support-reply', (feature) => weights(feature)['1.5.0'] === undefined);
    expect(weights(rolledBack)).toEqual({ '1.4.0': 1000 });
    expect(rolledBack?.strategies[0]?.parameters.stickiness).toBe('userId');
    expect((await admin.strategies('prompt.support-reply')).length).toBe(1);
  });

  it('would store two "variable" variants of 900/100 as 500/500 (the trap setCanary avoids)', async () => {
    const admin = adminApi({ url: unleash.url, adminToken: unleash.adminToken });
    await admin.createFlag('trap.variable-weights');
    const response = await fetch(`${unleash.url}/api/admin/projects/default/features/trap.variable-weights/environments/development/strategies`, {
      method: 'POST',
      headers: { Authorization: unleash.adminToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'flexibleRollout',
        parameters: { rollout: '100', stickiness: 'default', groupId: 'trap.variable-weights' },
        variants: [
          { name: 'stable', weight: 900, weightType: 'variable', stickiness: 'default' },
          { name: 'canary', weight: 100, weightType: 'variable', stickiness: 'default' },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const [strategy] = await admin.strategies('trap.variable-weights');
    expect(Object.fromEntries(strategy!.variants.map((variant) => [variant.name, variant.weight]))).toEqual({ stable: 500, canary: 500 });
  });

  it('reports Admin API failures with the HTTP status and body', async () => {
    const admin = adminApi({ url: unleash.url, adminToken: unleash.adminToken });
    await expect(admin.getFlag('no.such-flag')).rejects.toThrow(/GET \/api\/admin\/projects\/default\/features\/no\.such-flag failed with HTTP 404: .*no feature named/);
    await expect(adminApi({ url: unleash.url, adminToken: 'wrong' }).getFlag('x')).rejects.toThrow(/HTTP 401/);
  });

  it('reuses the running processes, and a reusing handle stops nothing', heavy, async () => {
    const started = performance.now();
    const again = await startUnleash({ dir, log: () => {} });
    console.log(`warm start (both already running): ${Math.round(performance.now() - started)} ms`);
    expect(again.reused).toBe(true);
    expect(again.pids).toEqual(unleash.pids);
    expect(again.url).toBe(unleash.url);
    expect(again.clientToken).toBe(unleash.clientToken);
    await again.stop();
    expect(await isHealthy(unleash.url)).toBe(true);
  });

  it('stops and restarts the server alone on the same URL with the same tokens', heavy, async () => {
    const before = unleash.pids.server;
    await unleash.stopServer();
    expect(unleash.pids.server).toBeUndefined();
    expect(isAlive(before!)).toBe(false);
    expect(await isHealthy(unleash.url)).toBe(false);

    const started = performance.now();
    await unleash.startServer();
    console.log(`server restart (database already migrated): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(await isHealthy(unleash.url)).toBe(true);
    const flag = await clientFeature('prompt.support-reply', (feature) => feature !== undefined);
    expect(weights(flag)).toEqual({ '1.4.0': 1000 });
  });

  it('stop() ends both processes and removes their PID files', heavy, async () => {
    const { postgres, server } = unleash.pids;
    expect(isAlive(postgres)).toBe(true);
    expect(isAlive(server!)).toBe(true);
    await unleash.stop();
    expect(isAlive(server!)).toBe(false);
    expect(isAlive(postgres)).toBe(false);
    expect(existsSync(path.join(dir, 'app/unleash.pid'))).toBe(false);
    expect(existsSync(path.join(dir, 'pg/postgres.pid'))).toBe(false);
  });
});
