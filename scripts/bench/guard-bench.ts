// pnpm bench:guard — the guard's decision rule (the same decide() the guard
// runs) on simulated canaries, peeking after every tick: the false-rollback
// rate of healthy canaries and the detection rate and time to rollback of
// bad ones, per canary share. 20 requests/s in 5-second ticks, stable parse
// failures 2%, margin one point, alpha 0.01, 10 minutes per canary. Seeded.
//
//   BENCH_RUNS=1000 BENCH_RATE=20 BENCH_MINUTES=10 pnpm bench:guard
import { guardSettings, simulateBatch } from '../../packages/operate/test/guard-simulation.js';

const runs = Number(process.env.BENCH_RUNS ?? 1000);
const rate = Number(process.env.BENCH_RATE ?? 20);
const minutes = Number(process.env.BENCH_MINUTES ?? 10);
const tickSeconds = 5;
const settings = guardSettings();
const margin = settings.metrics[0]!.margin;

const rows: string[][] = [];
for (const share of [0.01, 0.1, 0.5]) {
  for (const canaryRate of [0.02, 0.02 + margin, 0.05, 0.1, 0.3]) {
    const batch = simulateBatch({ stableRate: 0.02, canaryRate, canaryShare: share, requestsPerTick: rate * tickSeconds, ticks: (minutes * 60) / tickSeconds }, runs, 1000 + rows.length, settings);
    const at = (q: number) => batch.ticksToRollback[Math.min(batch.ticksToRollback.length - 1, Math.floor(q * batch.ticksToRollback.length))];
    const seconds = (tick: number | undefined) => (tick === undefined ? '-' : `${tick * tickSeconds}`);
    const healthy = canaryRate <= 0.02 + margin + 1e-12;
    rows.push([`${share * 100}%`, `${(canaryRate * 100).toFixed(0)}% vs 2%`, healthy ? 'healthy' : 'bad', `${((100 * batch.rolledBack) / batch.runs).toFixed(1)}%`, seconds(at(0.5)), seconds(at(0.99))]);
  }
}

const header = ['CANARY SHARE', 'PARSE FAILURES', 'KIND', 'ROLLED BACK', 'P50 S', 'P99 S'];
const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
console.log(`guard decision rule: mSPRT, alpha ${settings.alpha}, margin ${margin * 100} point(s), ${runs} canaries per row, ${rate} req/s, ${minutes} min, a look every ${tickSeconds} s`);
for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
console.log('ROLLED BACK is the false-rollback rate for healthy rows (bound: alpha) and the detection rate for bad ones; P50/P99 S: seconds of traffic to the rollback.');
