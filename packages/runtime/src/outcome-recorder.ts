import { errorType, type CallAttributes, VersionAttributes } from './outcome-attributes.js';
import { createOutcomeInstruments, type OutcomeInstruments, type OutcomeMeter } from './outcome-instruments.js';
import type { Outcome, OutcomeMeta } from './outcome.js';
import type { PromptsConfig } from './prompt-module.js';
import type { RuntimeWarning } from './resolution-event.js';

/** The prompt's model defaults as a render result carries them. */
export interface ModelDefaultsLike {
  readonly name?: unknown;
  readonly provider?: unknown;
}

/**
 * Turns outcome reports into metric data points. Never throws and never
 * waits: a report is a few map lookups and the SDK's own add/record calls.
 * Only installed (prompt, version) pairs are recorded, so a bad meta cannot
 * add series.
 */
export class OutcomeRecorder {
  private readonly versions = new Map<string, Map<string, VersionAttributes>>();
  private readonly resolveMeter: () => OutcomeMeter | undefined;
  private readonly warn: (warning: RuntimeWarning) => void;
  private readonly warned = new Set<string>();
  // undefined: not looked up yet; null: no meter, so reports are dropped at once.
  private instruments: OutcomeInstruments | null | undefined;

  constructor(prompts: PromptsConfig, resolveMeter: () => OutcomeMeter | undefined, warn: (warning: RuntimeWarning) => void) {
    for (const [id, entry] of Object.entries(prompts)) {
      const byVersion = new Map<string, VersionAttributes>();
      for (const module of [entry.stable, ...(entry.candidates ?? [])]) {
        byVersion.set(module.manifest.version, new VersionAttributes({ id, version: module.manifest.version, contentHash: module.manifest.contentHash }));
      }
      this.versions.set(id, byVersion);
    }
    this.resolveMeter = resolveMeter;
    this.warn = warn;
  }

  /** Records `outcome` for the version `meta` names; `defaults` supplies the model and provider the caller left out. */
  report(meta: OutcomeMeta, outcome: Outcome, defaults: ModelDefaultsLike | undefined): void {
    try {
      const instruments = this.instruments === undefined ? this.start() : this.instruments;
      if (!instruments) return;
      const version = this.version(meta, 'reportOutcome');
      if (!version || typeof outcome !== 'object' || outcome === null) return;
      const model = outcome.model ?? (typeof defaults?.name === 'string' ? defaults.name : undefined);
      const provider = outcome.provider ?? (typeof defaults?.provider === 'string' ? defaults.provider : undefined);
      const attributes = version.call(typeof model === 'string' ? model : undefined, typeof provider === 'string' ? provider : undefined);
      this.record(instruments, version, attributes, outcome);
    } catch {
      // An SDK or exporter fault must never reach the request that reported.
    }
  }

  /** Records a feedback score in [0, 1] for the version `meta` names. */
  feedback(meta: OutcomeMeta, score: number): void {
    try {
      const instruments = this.instruments === undefined ? this.start() : this.instruments;
      if (!instruments) return;
      const version = this.version(meta, 'reportFeedback');
      if (version && this.isScore(score, version, 'reportFeedback score')) instruments.feedback.record(score, version.base);
    } catch {
      // As in report().
    }
  }

  private record(instruments: OutcomeInstruments, version: VersionAttributes, attributes: CallAttributes, outcome: Outcome): void {
    const failed = outcome.error !== undefined && outcome.error !== null;
    const errorSets = failed ? attributes.error(errorType(outcome.error)) : undefined;
    instruments.outcomes.add(1, errorSets ? errorSets.outcome : outcome.parsed === false ? attributes.parseFailure : attributes.ok);
    const { latencyMs, inputTokens, outputTokens, costUsd, feedback } = outcome;
    if (latencyMs !== undefined && this.isAmount(latencyMs, version, 'latencyMs')) instruments.duration.record(latencyMs / 1000, errorSets ? errorSets.duration : attributes.base);
    if (inputTokens !== undefined && this.isAmount(inputTokens, version, 'inputTokens')) instruments.tokens.record(inputTokens, attributes.input);
    if (outputTokens !== undefined && this.isAmount(outputTokens, version, 'outputTokens')) instruments.tokens.record(outputTokens, attributes.output);
    if (costUsd !== undefined && this.isAmount(costUsd, version, 'costUsd')) instruments.cost.add(costUsd, attributes.base);
    if (feedback !== undefined && this.isScore(feedback, version, 'feedback')) instruments.feedback.record(feedback, version.base);
  }

  private start(): OutcomeInstruments | null {
    const meter = this.resolveMeter();
    this.instruments = meter ? createOutcomeInstruments(meter) : null;
    return this.instruments;
  }

  private version(meta: OutcomeMeta, call: string): VersionAttributes | undefined {
    const id = typeof meta === 'object' && meta !== null ? meta.id : undefined;
    const version = this.versions.get(id as string)?.get(meta?.version);
    if (!version) {
      const installed = [...this.versions.entries()].map(([name, versions]) => `${name}@${[...versions.keys()].join('|')}`).join(', ');
      this.once(`unknown\u0000${String(id)}\u0000${String(meta?.version)}`, undefined, `${call}: ${String(id)}@${String(meta?.version)} is not an installed prompt version, so nothing was recorded. Pass the meta of a result this runtime rendered (installed: ${installed || 'none'}).`);
      return undefined;
    }
    if (meta.contentHash !== undefined && meta.contentHash !== version.identity.contentHash) {
      this.once(`hash\u0000${id}\u0000${meta.version}`, id, `${call}: ${id}@${meta.version} has content hash ${version.identity.contentHash} here, but the report names ${meta.contentHash}; recorded under the installed one. Is the report from another service's build of that version?`);
    }
    return version;
  }

  private isAmount(value: unknown, version: VersionAttributes, field: string): value is number {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return true;
    this.invalid(version, field, value, 'a finite number >= 0');
    return false;
  }

  private isScore(value: unknown, version: VersionAttributes, field: string): value is number {
    if (typeof value === 'number' && value >= 0 && value <= 1) return true;
    this.invalid(version, field, value, 'a number in [0, 1]');
    return false;
  }

  private invalid(version: VersionAttributes, field: string, value: unknown, expected: string): void {
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
