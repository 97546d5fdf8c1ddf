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

/** Nanoseconds per call: the median of 11 batches of 10,000 calls, after 20,000 calls of warm-up. */
export function nanosecondsPerOp(run: (index: number) => unknown): number {
  const iterations = 10_000;
  let sink: unknown;
  for (let index = 0; index < 2 * iterations; index += 1) sink = run(index);
  const samples: number[] = [];
  for (let sample = 0; sample < 11; sample += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < iterations; index += 1) sink = run(index);
    samples.push(Number(process.hrtime.bigint() - started) / iterations);
  }
  if (sink === undefined) throw new Error('benchmark body returned nothing');
  return median(samples);
}

/**
 * Bytes allocated per call: heap growth over a batch that starts right after
 * a forced collection. The batch is small (200 calls, a few MB at most) so no
 * scavenge runs inside it and frees what it is counting; the median of 11
 * batches drops the odd one where one did.
 */
export function bytesPerOp(run: (index: number) => unknown): number {
  const batch = 200;
  const results: unknown[] = new Array(batch);
  const samples: number[] = [];
  for (let sample = 0; sample < 11; sample += 1) {
    collect();
    const before = process.memoryUsage().heapUsed;
    // Results stay referenced until the reading, as a caller holds a request's messages while it is served.
    for (let index = 0; index < batch; index += 1) results[index] = run(index);
    const after = process.memoryUsage().heapUsed;
    samples.push((after - before) / batch);
    results.fill(undefined);
  }
  return median(samples);
}
