/**
 * What happened to one rendered request. Every field is optional: report
 * what the service knows. A number that is not finite and >= 0 is dropped
 * (with one warning), never recorded.
 */
export interface Outcome {
  /** How long the model call took, in milliseconds. */
  latencyMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  /** What the call cost, in US dollars. */
  costUsd?: number;
  /** false when the answer did not parse (counted as `parse_failure`). */
  parsed?: boolean;
  /** The call failed: the error thrown, or a short code such as 'timeout' (counted as `error`, its type as `error.type`). */
  error?: unknown;
  /** A score in [0, 1], when it is known at once; a later one goes to reportFeedback. */
  feedback?: number;
  /** The model the request went to; default: the prompt's model (render result's `model.name`). */
  model?: string;
  /** The provider, e.g. 'openai'; default: the prompt's `model.provider`. */
  provider?: string;
}

/** The part of a render's meta that ties a later report to the version served; JSON-safe, so it can travel with the answer. */
export interface OutcomeMeta<Id extends string = string> {
  readonly id: Id;
  readonly version: string;
  readonly contentHash?: string;
}
