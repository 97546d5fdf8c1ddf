import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A forced collection before each heap batch, without asking the caller to
// start Node with --expose-gc: the flag set at run time exposes `gc` to
// contexts created after it.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

type Run = (index: number) => unknown;
type Loop = (run: Run, iterations: number, results: unknown[] | undefined) => unknown;

/**
 * A fresh copy of the loop that calls a system, compiled from source per
 * system: V8 keeps type feedback per compiled function, so the call inside
 * sees that one system only. With one shared loop the first system measured
 * is called monomorphically (inlined) and every later one through a
 * megamorphic call site, which would charge the row order to the later rows.
 */
function ownLoop(): Loop {
  return new Function(
    'run',
    'iterations',
    'results',
    'let sink;\nfor (let index = 0; index < iterations; index += 1) {\n  sink = run(index);\n  if (results !== undefined) results[index] = sink;\n}\nreturn sink;',
  ) as Loop;
}

const warmUp = 20_000;
const rounds = 201;
// Per batch: long against the timer and the loop's own cost, short against a time slice.
const batchNanoseconds = 250_000;

/** Calls per batch for a system, so that its batch lasts about batchNanoseconds: from the fastest of 21 probe batches of 100 calls. */
function calibrate(loop: Loop, run: Run): number {
  let fastest = Infinity;
  for (let probe = 0; probe < 21; probe += 1) {
    const started = process.hrtime.bigint();
    loop(run, 100, undefined);
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 100);
  }
  return Math.max(10, Math.min(10_000, Math.round(batchNanoseconds / fastest)));
}

/**
 * Nanoseconds per call of each system: the median of 201 batches after
 * 20,000 calls of warm-up. The batches are interleaved (one of each system
 * per round), so a change in the machine's load during the run falls on
 * every system alike instead of on whichever row was being measured; and
 * each system's batch lasts about a quarter of a millisecond (its call count
 * calibrated to that), so on a shared machine most batches run within one
 * time slice, a slow system's as much as a fast one's, and the median is the
 * speed of the code rather than of the scheduler.
 */
export function nanosecondsPerOp(runs: readonly Run[]): number[] {
  const loops = runs.map(() => ownLoop());
  const counts = runs.map((run, system) => {
    if (loops[system]!(run, warmUp, undefined) === undefined) throw new Error(`benchmark body ${system} returned nothing`);
    return calibrate(loops[system]!, run);
  });
  const measured: number[][] = runs.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    runs.forEach((run, system) => {
      const started = process.hrtime.bigint();
      loops[system]!(run, counts[system]!, undefined);
      measured[system]!.push(Number(process.hrtime.bigint() - started) / counts[system]!);
    });
  }
  return measured.map(median);
}

/**
 * Bytes allocated per call: heap growth over a batch that starts right after
 * a forced collection. The batch is small (200 calls, a few MB at most) so no
 * scavenge runs inside it and frees what it is counting; the median of 11
 * batches drops the odd one where one did. Through the system's own loop,
 * warmed up first, for the reason ownLoop gives.
 */
export function bytesPerOp(run: Run): number {
  const batch = 200;
  const loop = ownLoop();
  const results: unknown[] = new Array(batch);
  loop(run, warmUp, undefined);
  const measured: number[] = [];
  for (let sample = 0; sample < 11; sample += 1) {
    collect();
    const before = process.memoryUsage().heapUsed;
    // Results stay referenced until the reading, as a caller holds a request's messages while it is served.
    loop(run, batch, results);
    const after = process.memoryUsage().heapUsed;
    measured.push((after - before) / batch);
    results.fill(undefined);
  }
  return median(measured);
}
