// Offline canaries for the decision rule: requests arrive every tick, a
// share goes to the canary, each fails with its arm's rate, and the guard's
// own decide() looks after every tick (continuous peeking). Seeded, so a
// run is the same every time. Shared by guard-simulation.test.ts and
// `pnpm bench:guard`.
import { decide, type GuardSettings } from '../src/guard-decision.js';
import { defaultMetric } from '../src/guard-metrics.js';

/** mulberry32: a small, well-mixed 32-bit generator; enough for simulated traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scenario {
  stableRate: number;
  canaryRate: number;
  /** Share of requests the canary gets, 0-1. */
  canaryShare: number;
  requestsPerTick: number;
  ticks: number;
}

export const guardSettings = (overrides: Partial<GuardSettings> = {}): GuardSettings => ({
  metrics: [defaultMetric('parse-failure', {})],
  alpha: 0.01,
  minSamples: 30,
  steps: [],
  minStepSeconds: 0,
  minStepSamples: 0,
  staleAfterSeconds: 60,
  ...overrides,
});

/** The tick of the first rollback (1-based), or undefined when the canary survived every tick. */
export function simulateCanary(scenario: Scenario, settings: GuardSettings, random: () => number): number | undefined {
  const canary = { count: 0, value: 0 };
  const stable = { count: 0, value: 0 };
  for (let tick = 1; tick <= scenario.ticks; tick++) {
    for (let request = 0; request < scenario.requestsPerTick; request++) {
      const arm = random() < scenario.canaryShare ? canary : stable;
      arm.count++;
      if (random() < (arm === canary ? scenario.canaryRate : scenario.stableRate)) arm.value++;
    }
    const observations = { metrics: settings.metrics.map((metric) => ({ metric, canary: { ...canary }, stable: { ...stable } })), ageSeconds: 0, percent: scenario.canaryShare * 100, stepSeconds: 0, stepSamples: canary.count };
    if (decide(observations, settings).action === 'rollback') return tick;
  }
  return undefined;
}

export interface Batch {
  runs: number;
  rolledBack: number;
  /** Ticks to the rollback, of the canaries rolled back, sorted. */
  ticksToRollback: number[];
}

export function simulateBatch(scenario: Scenario, runs: number, seed: number, settings: GuardSettings = guardSettings()): Batch {
  const random = seededRandom(seed);
  const ticksToRollback: number[] = [];
  for (let run = 0; run < runs; run++) {
    const tick = simulateCanary(scenario, settings, random);
    if (tick !== undefined) ticksToRollback.push(tick);
  }
  return { runs, rolledBack: ticksToRollback.length, ticksToRollback: ticksToRollback.sort((a, b) => a - b) };
}
