// `promptpack flags guard --once` on Unleash (a real unleash-server, started
// by scripts/unleash) with a real Prometheus: the same target abstraction as
// the flags file, so the same rollback, recorded in the flag's description
// and read back by `flags history`.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningUnleash, startUnleash } from '../unleash/unleash.js';
import { badCanaryTraffic, type GuardFixture, id, startGuardFixture } from './guard-fixture.js';

let fixture: GuardFixture;
let unleash: RunningUnleash;
beforeAll(async () => {
  fixture = await startGuardFixture();
  // PostgreSQL runs as the "postgres" user, which must be able to enter the state folder.
  chmodSync(fixture.dir, 0o755);
  unleash = await startUnleash({ dir: path.join(fixture.dir, 'unleash'), port: 0, postgresPort: 0, log: () => undefined });
}, 600_000);
afterAll(async () => {
  await unleash?.stop();
  await fixture?.close();
}, 120_000);

describe('promptpack flags guard --once on Unleash', () => {
  it('rolls back a canary failing to parse 30% of the time; flags history shows the guard, the reason and the evidence', async () => {
    const env = { UNLEASH_ADMIN_TOKEN: unleash.adminToken };
    const target = ['--unleash', unleash.url, ...fixture.common];
    expect(await fixture.run(env, 'canary', id, '1.2.0', '--percent', '10', '--stable', '1.0.0', '--reason', 'try 1.2.0', ...target)).toMatchObject({ code: 0 });
    await fixture.scrapedSinceNow('1.2.0');
    await badCanaryTraffic(fixture, '1.2.0');

    const result = await fixture.run(env, 'guard', id, '--once', '--prometheus', fixture.prometheus.url, '--metric', 'parse-failure', ...target);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/rolled-back: rolled back: canary worse on parse-failure: parse-failure 30\.0% vs 2\.0%.*; now everyone: 1\.0\.0 100%/);

    const history = await fixture.run(env, 'history', id, '--json', ...target);
    const entries = JSON.parse(history.stdout).entries as Array<{ command: string; actor: string; reason: string; record: { evidence?: { metrics: Array<{ metric: string; status: string }> } } }>;
    expect(entries.map((entry) => entry.command)).toEqual(['canary 1.2.0 10%', 'rollback to 1.0.0']);
    expect(entries[1]).toMatchObject({ actor: 'promptpack-guard (oncall)', record: { evidence: { metrics: [{ metric: 'parse-failure', status: 'worse' }] } } });
    expect(entries[1]!.reason).toMatch(/^promptpack flags guard: canary worse on parse-failure/);
  }, 300_000);
});
