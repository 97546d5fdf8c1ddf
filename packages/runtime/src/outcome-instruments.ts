/**
 * The metric names, units and buckets the runtime records outcomes under:
 * a contract with the guard (`promptpack flags guard` queries them in
 * Prometheus) and with dashboards, so they change only with both. The
 * gen_ai.* ones follow the OpenTelemetry GenAI semantic conventions.
 */
export const outcomeMetrics = {
  outcomes: { name: 'promptpack.outcomes', unit: '{request}', description: 'Model calls per prompt version, by outcome (ok, parse_failure, error).' },
  duration: { name: 'gen_ai.client.operation.duration', unit: 's', description: 'Duration of the model call.' },
  tokens: { name: 'gen_ai.client.token.usage', unit: '{token}', description: 'Input and output tokens per model call.' },
  cost: { name: 'promptpack.cost', unit: 'USD', description: 'Cost of the model calls, as the service reports it.' },
  feedback: { name: 'promptpack.feedback', unit: '1', description: 'Feedback scores in [0, 1] for rendered requests.' },
} as const;

export const meterName = '@promptpack/runtime';

// Round seconds rather than the GenAI conventions' powers of two (2.56, 5.12): a guard or
// an alert says "slower than 5 s" by naming a bucket boundary (`le="5"`), and
// `promptpack flags guard --metric latency` does exactly that.
const durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 30, 60, 120];
// The boundaries the GenAI conventions advise for token counts.
const tokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
const feedbackBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

export type OutcomeAttributes = Readonly<Record<string, string>>;

interface InstrumentOptions {
  description?: string;
  unit?: string;
  advice?: { explicitBucketBoundaries?: number[] };
}

/** What an observable instrument's callback is given (an OpenTelemetry ObservableResult). */
export interface OutcomeObservation {
  observe(value: number, attributes?: OutcomeAttributes): void;
}

/** The slice of an OpenTelemetry Meter (@opentelemetry/api) the runtime uses; a real Meter fits. */
export interface OutcomeMeter {
  createObservableCounter(name: string, options?: InstrumentOptions): { addCallback(callback: (observation: OutcomeObservation) => void): void };
  createHistogram(name: string, options?: InstrumentOptions): { record(value: number, attributes?: OutcomeAttributes): void };
}

export interface OutcomeHistograms {
  duration: { record(value: number, attributes: OutcomeAttributes): void };
  tokens: { record(value: number, attributes: OutcomeAttributes): void };
  feedback: { record(value: number, attributes: OutcomeAttributes): void };
}

/** What the SDK asks for at each collection: the two counters' totals (histogram values are handed over first). */
export interface OutcomeCollection {
  outcomes(observation: OutcomeObservation): void;
  cost(observation: OutcomeObservation): void;
}

/**
 * Creates the five instruments; called once per runtime, on the first
 * report. The counters are observable: the SDK reads their totals when it
 * collects (a scrape), which is also when held histogram values go in.
 */
export function createOutcomeInstruments(meter: OutcomeMeter, collection: OutcomeCollection): OutcomeHistograms {
  const { outcomes, duration, tokens, cost, feedback } = outcomeMetrics;
  meter.createObservableCounter(outcomes.name, { unit: outcomes.unit, description: outcomes.description }).addCallback((observation) => collection.outcomes(observation));
  meter.createObservableCounter(cost.name, { unit: cost.unit, description: cost.description }).addCallback((observation) => collection.cost(observation));
  return {
    duration: meter.createHistogram(duration.name, { unit: duration.unit, description: duration.description, advice: { explicitBucketBoundaries: durationBuckets } }),
    tokens: meter.createHistogram(tokens.name, { unit: tokens.unit, description: tokens.description, advice: { explicitBucketBoundaries: tokenBuckets } }),
    feedback: meter.createHistogram(feedback.name, { unit: feedback.unit, description: feedback.description, advice: { explicitBucketBoundaries: feedbackBuckets } }),
  };
}
