import type { FlagContext } from './flag-source.js';
import type { ModelAnswer, ModelCall, ModelCallResult } from './model-call.js';
import type { OutcomeMeter } from './outcome-instruments.js';
import type { ModelCallTracer } from './model-call-span.js';
import type { PromptsConfig, RenderResultFor, VariablesFor } from './prompt-module.js';
import type { RuntimeRenderResult } from './create-prompt-runtime.js';

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

/** Any result this runtime's render() returns. */
export type RenderedFor<Prompts extends PromptsConfig> = { [Id in keyof Prompts]: RuntimeRenderResult<RenderResultFor<Prompts[Id]>> }[keyof Prompts];

export interface OutcomeOptions {
  /**
   * Where outcome metrics go: an OpenTelemetry Meter. Default: the global
   * MeterProvider's meter '@promptpack/runtime' (taken on the first report,
   * so register the SDK before serving); `false` records nothing.
   */
  meter?: OutcomeMeter | false;
  /** Where model-call spans go; default: the global TracerProvider's tracer; `false` starts none. */
  tracer?: ModelCallTracer | false;
}

/** Outcome reporting on a runtime. None of these throw or block: they record and return. */
export interface OutcomeReporting<Prompts extends PromptsConfig> {
  /**
   * Records what happened to a rendered request (`result` is what render
   * returned): an outcome per version (ok, parse_failure, error), latency,
   * tokens, cost and an optional feedback score, as OpenTelemetry metrics.
   */
  reportOutcome(result: RenderedFor<Prompts>, outcome: Outcome): void;
  /** A feedback score in [0, 1] that arrives later, tied to the render by its meta (`result.meta`, or the same fields sent back by a client). */
  reportFeedback(meta: OutcomeMeta<keyof Prompts & string>, score: number): void;
  /**
   * Renders prompt `id`, calls the model inside a `chat {model}` span,
   * parses the answer with the version's safeParseOutput when it declares
   * an output schema, and records the outcome. The model function's error
   * is rethrown unchanged, after it is recorded.
   */
  callModel<Id extends keyof Prompts & string, Answer extends ModelAnswer>(
    id: Id,
    variables: VariablesFor<Prompts[Id]>,
    context: FlagContext,
    model: ModelCall<RuntimeRenderResult<RenderResultFor<Prompts[Id]>>, Answer>,
  ): Promise<ModelCallResult<Prompts[Id], RuntimeRenderResult<RenderResultFor<Prompts[Id]>>, Answer>>;
}
