import type { OutcomeAttributes } from './outcome-instruments.js';

/**
 * A counter's running total for one attribute set. The SDK reads totals at
 * collection (observable counters), so a report adds to a number instead of
 * paying the SDK's per-call attribute hashing.
 */
export class CounterSeries {
  readonly attributes: OutcomeAttributes;
  total = 0;
  /** Reported at least once: only those are exported (no cost series for a service that reports no cost). */
  used = false;

  constructor(attributes: OutcomeAttributes) {
    this.attributes = attributes;
  }

  add(value: number): void {
    this.total += value;
    this.used = true;
  }
}

// Values held between hand-overs grow the buffer up to this many; past it the
// series hands over at once, so memory stays bounded whatever the traffic.
const bufferLimit = 16_384;

/**
 * Histogram values of one attribute set, held until the SDK collects or the
 * recorder's background hand-over runs, then recorded into the SDK's
 * histogram in one pass: the request pays for a store into an array, and the
 * SDK's per-value work (attribute hashing, bucket search) happens off the
 * request path.
 */
export class HistogramSeries {
  readonly attributes: OutcomeAttributes;
  private values = new Float64Array(64);
  private length = 0;
  private readonly sink: { record(value: number, attributes: OutcomeAttributes): void };

  constructor(attributes: OutcomeAttributes, sink: { record(value: number, attributes: OutcomeAttributes): void }) {
    this.attributes = attributes;
    this.sink = sink;
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      if (this.length >= bufferLimit) this.drain();
      else {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
    }
    this.values[this.length++] = value;
  }

  /** Records every held value into the SDK histogram. */
  drain(): void {
    const count = this.length;
    this.length = 0;
    for (let index = 0; index < count; index++) this.sink.record(this.values[index]!, this.attributes);
  }
}
