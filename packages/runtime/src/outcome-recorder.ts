import { type CallSeries, errorType, type SeriesFactory, VersionSeries } from './outcome-attributes.js';
import { createOutcomeInstruments, type OutcomeMeter, type OutcomeObservation } from './outcome-instruments.js';
import { CounterSeries, HistogramSeries } from './outcome-series.js';
import type { Outcome, OutcomeMeta } from './outcome.js';
import type { PromptsConfig } from './prompt-module.js';
import type { RuntimeWarning } from './resolution-event.js';

/** The prompt's model defaults as a render result carries them. */
export interface ModelDefaultsLike {
  readonly name?: unknown;
  readonly provider?: unknown;
}

interface Started {
  versions: Map<string, Map<string, VersionSeries>>;
}

/**
 * Turns outcome reports into metric data points. Never throws and never
 * waits: a report is a few map lookups, additions and array stores; the
 * SDK takes the totals and values when it collects. Only installed (prompt,
 * version) pairs are recorded, so a bad meta cannot add series.
 */
export class OutcomeRecorder {
  private readonly prompts: PromptsConfig;
  private readonly resolveMeter: () => OutcomeMeter | undefined;
  private readonly warn: (warning: RuntimeWarning) => void;
  private readonly warned = new Set<string>();
  private readonly outcomeCounters: CounterSeries[] = [];
  private readonly costCounters: CounterSeries[] = [];
  private readonly histograms: HistogramSeries[] = [];
  // undefined: not looked up yet; null: no meter, so reports are dropped at once.
  private state: Started | null | undefined;
  private handOverPending = false;

  constructor(prompts: PromptsConfig, resolveMeter: () => OutcomeMeter | undefined, warn: (warning: RuntimeWarning) => void) {
    this.prompts = prompts;
    this.resolveMeter = resolveMeter;
    this.warn = warn;
  }

  /** Records `outcome` for the version `meta` names; `defaults` supplies the model and provider the caller left out. */
  report(meta: OutcomeMeta, outcome: Outcome, defaults: ModelDefaultsLike | undefined): void {
    try {
      const state = this.state === undefined ? this.start() : this.state;
      if (!state) return;
      const version = this.version(state, meta, 'reportOutcome');
      if (!version || typeof outcome !== 'object' || outcome === null) return;
      const model = outcome.model ?? defaults?.name;
      const provider = outcome.provider ?? defaults?.provider;
      this.record(version, version.call(typeof model === 'string' ? model : undefined, typeof provider === 'string' ? provider : undefined), outcome);
      if (!this.handOverPending) this.scheduleHandOver();
    } catch {
      // An SDK fault must never reach the request that reported.
    }
  }

  /** Records a feedback score in [0, 1] for the version `meta` names. */
  feedback(meta: OutcomeMeta, score: number): void {
    try {
      const state = this.state === undefined ? this.start() : this.state;
      if (!state) return;
      const version = this.version(state, meta, 'reportFeedback');
      if (version && this.isScore(score, version, 'reportFeedback score')) {
        version.feedback.push(score);
        if (!this.handOverPending) this.scheduleHandOver();
      }
    } catch {
      // As in report().
    }
  }

  private record(version: VersionSeries, series: CallSeries, outcome: Outcome): void {
    const failed = outcome.error !== undefined && outcome.error !== null ? series.error(errorType(outcome.error)) : undefined;
    (failed ? failed.outcome : outcome.parsed === false ? series.parseFailure : series.ok).add(1);
    const { latencyMs, inputTokens, outputTokens, costUsd, feedback } = outcome;
    if (latencyMs !== undefined && this.isAmount(latencyMs, version, 'latencyMs')) (failed ? failed.duration : series.duration).push(latencyMs / 1000);
    if (inputTokens !== undefined && this.isAmount(inputTokens, version, 'inputTokens')) series.input.push(inputTokens);
    if (outputTokens !== undefined && this.isAmount(outputTokens, version, 'outputTokens')) series.output.push(outputTokens);
    if (costUsd !== undefined && this.isAmount(costUsd, version, 'costUsd')) series.cost.add(costUsd);
    if (feedback !== undefined && this.isScore(feedback, version, 'feedback')) version.feedback.push(feedback);
  }

  /** Hands held histogram values to the SDK now (a collection does it too). */
  handOver(): void {
    this.handOverPending = false;
    for (const series of this.histograms) series.drain();
  }

  // Between requests, within a second: a reader that collects rarely must not leave
  // values piling up, and the request that reported must not pay for the SDK.
  private scheduleHandOver(): void {
    this.handOverPending = true;
    const timer = setTimeout(() => {
      try {
        this.handOver();
      } catch {
        // As in report().
      }
    }, handOverMs) as { unref?: () => void };
    // Never what keeps a process alive (outside Node a timer has no unref).
    timer.unref?.();
  }

  private start(): Started | null {
    // Settled before anything can throw: a meter that fails here is not retried on every report.
    this.state = null;
    const meter = this.resolveMeter();
    if (!meter) return null;
    const histograms = createOutcomeInstruments(meter, {
      outcomes: (observation) => {
        // Collection time: held histogram values go in first, so this collection includes them.
        for (const series of this.histograms) series.drain();
        observe(this.outcomeCounters, observation);
      },
      cost: (observation) => observe(this.costCounters, observation),
    });
    const factory: SeriesFactory = {
      counter: (metric, attributes) => {
        const series = new CounterSeries(attributes);
        (metric === 'outcomes' ? this.outcomeCounters : this.costCounters).push(series);
        return series;
      },
      histogram: (metric, attributes) => {
        const series = new HistogramSeries(attributes, histograms[metric]);
        this.histograms.push(series);
        return series;
      },
    };
    const versions = new Map<string, Map<string, VersionSeries>>();
    for (const [id, entry] of Object.entries(this.prompts)) {
      const byVersion = new Map<string, VersionSeries>();
      for (const module of [entry.stable, ...(entry.candidates ?? [])]) {
        byVersion.set(module.manifest.version, new VersionSeries({ id, version: module.manifest.version, contentHash: module.manifest.contentHash }, factory));
      }
      versions.set(id, byVersion);
    }
    return (this.state = { versions });
  }

  private version(state: Started, meta: OutcomeMeta, call: string): VersionSeries | undefined {
    const id = typeof meta === 'object' && meta !== null ? meta.id : undefined;
    const version = state.versions.get(id as string)?.get(meta?.version);
    if (!version) {
      const installed = [...state.versions.entries()].map(([name, versions]) => `${name}@${[...versions.keys()].join('|')}`).join(', ');
      this.once(`unknown\u0000${String(id)}\u0000${String(meta?.version)}`, undefined, `${call}: ${String(id)}@${String(meta?.version)} is not an installed prompt version, so nothing was recorded. Pass the meta of a result this runtime rendered (installed: ${installed || 'none'}).`);
      return undefined;
    }
    if (meta.contentHash !== undefined && meta.contentHash !== version.identity.contentHash) {
      this.once(`hash\u0000${id}\u0000${meta.version}`, id, `${call}: ${id}@${meta.version} has content hash ${version.identity.contentHash} here, but the report names ${meta.contentHash}; recorded under the installed one. Is the report from another service's build of that version?`);
    }
    return version;
  }

  private isAmount(value: unknown, version: VersionSeries, field: string): value is number {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return true;
    this.invalid(version, field, value, 'a finite number >= 0');
    return false;
  }

  private isScore(value: unknown, version: VersionSeries, field: string): value is number {
    if (typeof value === 'number' && value >= 0 && value <= 1) return true;
    this.invalid(version, field, value, 'a number in [0, 1]');
    return false;
  }

  private invalid(version: VersionSeries, field: string, value: unknown, expected: string): void {
    const { id, version: number } = version.identity;
    const shown = typeof value === 'number' ? String(value) : `a ${typeof value}`;
    this.once(`invalid\u0000${id}\u0000${number}\u0000${field}`, id, `${id}@${number}: ${field} must be ${expected}, got ${shown}; it was dropped, the rest of the report was recorded. Further bad ${field} values for this version are dropped without a warning.`);
  }

  // Once per cause for this runtime: a service that sends NaN on every request gets one line, not one per request.
  private once(key: string, id: string | undefined, message: string): void {
    if (this.warned.has(key) || this.warned.size >= 1_000) return;
    this.warned.add(key);
    this.warn({ id, source: 'outcomes', code: 'invalid-outcome', message });
  }
}

const handOverMs = 1_000;

function observe(counters: readonly CounterSeries[], observation: OutcomeObservation): void {
  for (const series of counters) if (series.used) observation.observe(series.total, series.attributes);
}
