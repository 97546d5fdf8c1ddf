// The decision rule under continuous monitoring, offline: the guard's own
// decide() looks after every tick of simulated traffic (20 requests/s in
// 5-second ticks, 10% to the canary, 5 minutes). Seeded: the same numbers
// every run. `pnpm bench:guard` prints the detection table for more effects.
import { describe, expect, it } from 'vitest';
import { simulateBatch } from './guard-simulation.js';

const traffic = { stableRate: 0.02, canaryShare: 0.1, requestsPerTick: 100, ticks: 60 };

describe('the guard decision rule on simulated canaries', () => {
  it('rolls back at most 1% of 1,000 healthy canaries (same rate as stable), peeking every tick', () => {
    const batch = simulateBatch({ ...traffic, canaryRate: 0.02 }, 1000, 20261201);
    expect(batch.runs).toBe(1000);
    expect(batch.rolledBack / batch.runs).toBeLessThanOrEqual(0.01);
  });

  it('and at most 1% of 1,000 canaries exactly at the tolerated margin (3% vs 2%, margin one point): the worst healthy case', () => {
    const batch = simulateBatch({ ...traffic, canaryRate: 0.03 }, 1000, 7);
    expect(batch.rolledBack / batch.runs).toBeLessThanOrEqual(0.01);
  });

  it('rolls back nearly every canary that fails to parse 30% of the time, within a minute of traffic', () => {
    const batch = simulateBatch({ ...traffic, canaryRate: 0.3 }, 200, 11);
    expect(batch.rolledBack / batch.runs).toBeGreaterThanOrEqual(0.99);
    // Ticks are 5 s: the median rollback comes within 12 ticks.
    expect(batch.ticksToRollback[Math.floor(batch.ticksToRollback.length / 2)]).toBeLessThanOrEqual(12);
  });
});
