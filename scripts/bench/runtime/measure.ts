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
 * How a system answers: `sync` returns its messages, `async` a promise of
 * them (dotprompt's compiled render, LaunchDarkly AI's completionConfig).
 * An async system is timed through a loop that awaits each call, as its
 * caller must: the promise and the microtask hop are part of what it costs.
 */
export type Calling = 'sync' | 'async';

/**
 * A fresh copy of the loop that calls a system, compiled from source per
 * system: V8 keeps type feedback per compiled function, so the call inside
 * sees that one system only. With one shared loop the first system measured
 * is called monomorphically (inlined) and every later one through a
 * megamorphic call site, which would charge the row order to the later rows.
 */
function ownLoop(calling: Calling = 'sync'): Loop {
  const call = calling === 'async' ? 'await run(index)' : 'run(index)';
  const body = `let sink;\nfor (let index = 0; index < iterations; index += 1) {\n  sink = ${call};\n  if (results !== undefined) results[index] = sink;\n}\nreturn sink;`;
  return (calling === 'async' ? new Function('run', 'iterations', 'results', `return (async () => {\n${body}\n})();`) : new Function('run', 'iterations', 'results', body)) as Loop;
}

/** Runs a loop to its end: awaited when the system is async, so the clock is read after its last call settled. */
async function finish(calling: Calling, outcome: unknown): Promise<unknown> {
  return calling === 'async' ? await outcome : outcome;
}

const warmUp = 20_000;
const rounds = 201;
// Per batch: long against the timer and the loop's own cost, short against a time slice.
const batchNanoseconds = 250_000;

/** Calls per batch for a system, so that its batch lasts about batchNanoseconds: from the fastest of 21 probe batches of 100 calls. */
async function calibrate(loop: Loop, run: Run, calling: Calling): Promise<number> {
  let fastest = Infinity;
  for (let probe = 0; probe < 21; probe += 1) {
    const started = process.hrtime.bigint();
    const outcome = loop(run, 100, undefined);
    if (calling === 'async') await outcome;
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
export async function nanosecondsPerOp(runs: readonly Run[], callings: readonly Calling[] = []): Promise<number[]> {
  const calling = (system: number) => callings[system] ?? 'sync';
  const loops = runs.map((_, system) => ownLoop(calling(system)));
  const counts: number[] = [];
  for (const [system, run] of runs.entries()) {
    if ((await finish(calling(system), loops[system]!(run, warmUp, undefined))) === undefined) throw new Error(`benchmark body ${system} returned nothing`);
    counts.push(await calibrate(loops[system]!, run, calling(system)));
  }
  const measured: number[][] = runs.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (const [system, run] of runs.entries()) {
      const started = process.hrtime.bigint();
      // A sync loop is read without an await in between, so its figure is the same as before async systems were measured.
      if (calling(system) === 'sync') loops[system]!(run, counts[system]!, undefined);
      else await loops[system]!(run, counts[system]!, undefined);
      measured[system]!.push(Number(process.hrtime.bigint() - started) / counts[system]!);
    }
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
export async function bytesPerOp(run: Run, calling: Calling = 'sync'): Promise<number> {
  const batch = 200;
  const loop = ownLoop(calling);
  const results: unknown[] = new Array(batch);
  await finish(calling, loop(run, warmUp, undefined));
  const measured: number[] = [];
  for (let sample = 0; sample < 11; sample += 1) {
    collect();
    const before = process.memoryUsage().heapUsed;
    // Results stay referenced until the reading, as a caller holds a request's messages while it is served.
    const outcome = loop(run, batch, results);
    if (calling === 'async') await outcome;
    const after = process.memoryUsage().heapUsed;
    measured.push((after - before) / batch);
    results.fill(undefined);
  }
  return median(measured);
}
