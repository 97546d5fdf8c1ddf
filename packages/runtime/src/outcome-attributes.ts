import type { OutcomeAttributes } from './outcome-instruments.js';
import type { CounterSeries, HistogramSeries } from './outcome-series.js';

/** What happened to one model call, as the `promptpack.outcome` attribute says it. */
export type OutcomeKind = 'ok' | 'parse_failure' | 'error';

// Metric series multiply by every distinct value: past these, values share `_OTHER`
// (the GenAI conventions' fallback) rather than growing a backend without bound.
const modelLimit = 16;
const errorTypeLimit = 16;
const other = '_OTHER';

/** The prompt-version attributes every data point carries. */
export interface VersionIdentity {
  id: string;
  version: string;
  contentHash: string;
}

/** Creates (and registers for collection) the series of one attribute set. */
export interface SeriesFactory {
  counter(metric: 'outcomes' | 'cost', attributes: OutcomeAttributes): CounterSeries;
  histogram(metric: 'duration' | 'tokens' | 'feedback', attributes: OutcomeAttributes): HistogramSeries;
}

/**
 * The series of one installed prompt version, built on first use and reused
 * for every report after that: a report allocates nothing.
 */
export class VersionSeries {
  readonly identity: VersionIdentity;
  readonly base: OutcomeAttributes;
  readonly feedback: HistogramSeries;
  private readonly factory: SeriesFactory;
  private readonly byModel = new Map<string, Map<string, CallSeries>>();
  private models = 0;

  constructor(identity: VersionIdentity, factory: SeriesFactory) {
    this.identity = identity;
    this.factory = factory;
    this.base = {
      'promptpack.prompt.id': identity.id,
      'promptpack.prompt.version': identity.version,
      'promptpack.prompt.content_hash': identity.contentHash,
    };
    this.feedback = factory.histogram('feedback', this.base);
  }

  /** The series of a call to `model` at `provider` (either may be unknown). */
  call(model: string | undefined, provider: string | undefined): CallSeries {
    const modelKey = model ?? '';
    let byProvider = this.byModel.get(modelKey);
    if (!byProvider) {
      if (this.models >= modelLimit && model !== undefined && model !== other) return this.call(other, provider);
      this.models++;
      byProvider = new Map();
      this.byModel.set(modelKey, byProvider);
    }
    const providerKey = provider ?? '';
    let series = byProvider.get(providerKey);
    if (!series) {
      series = new CallSeries(this.base, model, provider, this.factory);
      byProvider.set(providerKey, series);
    }
    return series;
  }
}

/** The series of one (prompt version, model, provider): one per outcome, token type and error type. */
export class CallSeries {
  readonly ok: CounterSeries;
  readonly parseFailure: CounterSeries;
  readonly cost: CounterSeries;
  readonly duration: HistogramSeries;
  readonly input: HistogramSeries;
  readonly output: HistogramSeries;
  private readonly base: OutcomeAttributes;
  private readonly factory: SeriesFactory;
  private readonly errors = new Map<string, { outcome: CounterSeries; duration: HistogramSeries }>();

  constructor(version: OutcomeAttributes, model: string | undefined, provider: string | undefined, factory: SeriesFactory) {
    const base: Record<string, string> = { ...version };
    if (model !== undefined) base['gen_ai.request.model'] = model;
    if (provider !== undefined) base['gen_ai.provider.name'] = provider;
    this.base = base;
    this.factory = factory;
    this.ok = factory.counter('outcomes', { ...base, 'promptpack.outcome': 'ok' });
    this.parseFailure = factory.counter('outcomes', { ...base, 'promptpack.outcome': 'parse_failure' });
    this.cost = factory.counter('cost', base);
    this.duration = factory.histogram('duration', base);
    this.input = factory.histogram('tokens', { ...base, 'gen_ai.token.type': 'input' });
    this.output = factory.histogram('tokens', { ...base, 'gen_ai.token.type': 'output' });
  }

  /** For a failed call: the outcome count and the duration, both with `error.type`. */
  error(type: string): { outcome: CounterSeries; duration: HistogramSeries } {
    let series = this.errors.get(type);
    if (!series) {
      if (this.errors.size >= errorTypeLimit && type !== other) return this.error(other);
      const attributes = { ...this.base, 'error.type': type };
      series = { outcome: this.factory.counter('outcomes', { ...attributes, 'promptpack.outcome': 'error' }), duration: this.factory.histogram('duration', attributes) };
      this.errors.set(type, series);
    }
    return series;
  }
}

/**
 * A low-cardinality name for an error, as the conventions' `error.type`
 * wants: the error's `code` or class name (`RateLimitError`, `ETIMEDOUT`),
 * a string as given, `_OTHER` otherwise.
 */
export function errorType(error: unknown): string {
  if (typeof error === 'string') return error.length > 0 && error.length <= 64 ? error : other;
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) return code;
    if (typeof name === 'string' && name.length > 0 && name.length <= 64 && name !== 'Error') return name;
    const constructor = (error as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof constructor === 'string' && constructor.length > 0 && constructor !== 'Object') return constructor;
  }
  return other;
}
