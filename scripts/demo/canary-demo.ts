// The live half of the demo, on the embedded defaults (a flags file, no flag
// server): runs the support service that release-demo.ts installed, sends
// 2,000 distinct users through a 10% canary, rolls back by rewriting the
// flags file (temp file + rename) and sends them again. Same process
// throughout: the distribution shifts without a restart.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { distribution, health, render, renderAll, type RunningService, type ServedMeta, startService } from '../e2e/lib/example-service.js';
import { repoRoot } from '../e2e/lib/scratch-repo.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { service: { type: 'string' }, 'pid-file': { type: 'string' }, requests: { type: 'string', default: '2000' } },
});
const serviceDir = path.resolve(values.service ?? path.join(repoRoot, '.cache/demo/support-service'));
const pidFile = values['pid-file'] ? path.resolve(values['pid-file']) : undefined;
const requests = Number(values.requests);
const flagsFile = path.join(path.dirname(serviceDir), 'flags.json');
const flag = 'prompt.support-reply';
const relative = (file: string) => path.relative(repoRoot, file);

const installedVersion = (alias: string) => (JSON.parse(readFileSync(path.join(serviceDir, 'node_modules', alias, 'package.json'), 'utf8')) as { version: string }).version;
const stable = installedVersion('support-reply-stable');
const next = installedVersion('support-reply-next');

/** Unleash's client-features JSON: one flexibleRollout whose variants name the versions (weights out of 1000). */
function flagsDocument(enabled: boolean, canaryWeight: number) {
  const variant = (name: string, weight: number, weightType: 'variable' | 'fix') => ({ name, weight, weightType, stickiness: 'default' });
  return {
    version: 2,
    features: [
      {
        name: flag,
        enabled,
        strategies: [
          {
            name: 'flexibleRollout',
            parameters: { rollout: '100', stickiness: 'default', groupId: flag },
            variants: [variant(stable, 1000 - canaryWeight, 'variable'), variant(next, canaryWeight, 'fix')],
          },
        ],
      },
    ],
  };
}

/** Writes next to the target and renames over it: the service never reads half a file. */
function writeFlagsAtomically(document: unknown): void {
  const temporary = `${flagsFile}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(temporary, flagsFile);
}

function printDistribution(metas: readonly ServedMeta[]): void {
  const width = 40;
  for (const row of distribution(metas)) {
    const eighths = Math.round(row.share * width * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + (['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8] ?? '');
    console.log(`    ${row.version.padEnd(7)} ${String(row.count).padStart(5)}  ${`${(row.share * 100).toFixed(1)}%`.padStart(6)}  ${bar}`);
  }
  const reasons = [...new Set(metas.map((meta) => meta.reason))].join(', ');
  console.log(`    (meta.reason: ${reasons})`);
}

const customers = Array.from({ length: requests }, (_, index) => `customer-${index + 1}`);
let service: RunningService | undefined;
try {
  console.log(`» live canary on the embedded defaults: a flags file in Unleash's client-features format, no flag server`);
  writeFlagsAtomically(flagsDocument(true, 100));
  console.log(`  ${relative(flagsFile)}: ${flag} enabled, flexibleRollout 100%, variants ${stable} weight 900 (variable) / ${next} weight 100 (fix)`);

  service = await startService(serviceDir, { PROMPTPACK_FLAGS_FILE: flagsFile }, { onStart: (pid) => pidFile && writeFileSync(pidFile, `${pid}\n`) });
  const pidBefore = (await health(service.url)).pid;
  console.log(`  support-service (node server.mjs in ${relative(serviceDir)}/) listening at ${service.url}, pid ${pidBefore}`);

  console.log(`» ${requests.toLocaleString('en')} requests, one per distinct user (GET /render?userId=customer-N)`);
  const before = await renderAll(service.url, customers);
  printDistribution(before);

  console.log(`» roll back: rewrite ${relative(flagsFile)} atomically (temp file + rename) with the flag disabled; no restart`);
  const canaryCustomers = customers.filter((_, index) => before[index]!.version === next);
  const started = performance.now();
  writeFlagsAtomically(flagsDocument(false, 100));
  // Only a user the canary held can show the change; poll them (bounded, no fixed wait).
  let polled = 0;
  for (;;) {
    const outcome = await render(service.url, canaryCustomers[polled++ % canaryCustomers.length] ?? customers[0]!);
    if (!outcome.ok) throw new Error(`request failed: ${outcome.error}`);
    if (outcome.meta.version === stable) break;
    if (performance.now() - started > 10_000) throw new Error(`the service still served ${next} 10 s after the flags file changed`);
  }
  console.log(`  the service served ${stable} to a canary user ${Math.round(performance.now() - started)} ms after the rename (${polled} polling requests)`);

  console.log(`» the same ${requests.toLocaleString('en')} users again`);
  const after = await renderAll(service.url, customers);
  printDistribution(after);
  const pidAfter = (await health(service.url)).pid;
  console.log(`  pid before ${pidBefore}, after ${pidAfter}: ${pidBefore === pidAfter ? 'the same process, never restarted' : 'A DIFFERENT PROCESS'}`);

  if (pidAfter !== pidBefore || after.some((meta) => meta.version !== stable)) {
    console.error('error: the rollback did not reach every request in the same process');
    process.exitCode = 1;
  }
} finally {
  await service?.stop();
  if (pidFile) rmSync(pidFile, { force: true });
}
