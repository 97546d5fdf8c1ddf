import type { FlagContext } from './flag-source.js';
import type { ModelCallTracer } from './model-call-span.js';
import { type ModelAnswer, type ModelCall, type ModelCallResult, modelCaller } from './model-call.js';
import type { Outcome, OutcomeMeta } from './outcome.js';
import { meterName, type OutcomeMeter } from './outcome-instruments.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import type { PromptsConfig, RenderResultFor, VariablesFor } from './prompt-module.js';
import type { RuntimeWarning } from './resolution-event.js';
import type { RuntimeRenderResult } from './runtime-meta.js';

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

/** The parts of @opentelemetry/api outcomes use, when the service has it: both optional, checked before use. */
interface TelemetryApi {
  metrics?: { getMeter?(name: string): OutcomeMeter };
  trace?: { getTracer?(name: string): ModelCallTracer };
}

interface OutcomeReportingOptions extends OutcomeOptions {
  prompts: PromptsConfig;
  /** @opentelemetry/api, detected or given; undefined when the service has none or turned it off. */
  api: unknown;
  warn: (warning: RuntimeWarning) => void;
  render: (id: string, variables: unknown, context: FlagContext) => never;
}

/** reportOutcome, reportFeedback and callModel for one runtime. */
export function outcomeReporting<Prompts extends PromptsConfig>(options: OutcomeReportingOptions): OutcomeReporting<Prompts> {
  const api = (options.api ?? {}) as TelemetryApi;
  // The metrics API has no proxy provider (unlike traces): a meter taken before the
  // SDK is registered stays a no-op, hence the lookup on the first report, not here.
  const meter = () => (options.meter === false ? undefined : (options.meter ?? api.metrics?.getMeter?.(meterName)));
  let tracer: ModelCallTracer | undefined | null = options.tracer === false ? null : options.tracer;
  const currentTracer = () => {
    if (tracer === undefined) tracer = api.trace?.getTracer?.(meterName) ?? null;
    return tracer ?? undefined;
  };
  const recorder = new OutcomeRecorder(options.prompts, meter, options.warn);
  const callModel = modelCaller({ prompts: options.prompts, render: options.render, recorder, tracer: currentTracer });
  return {
    reportOutcome(result, outcome) {
      const rendered = result as { meta?: { id: string; version: string; contentHash?: string }; model?: { name?: unknown; provider?: unknown } } | undefined;
      recorder.report(rendered?.meta as never, outcome, rendered?.model);
    },
    reportFeedback(meta, score) {
      recorder.feedback(meta, score);
    },
    callModel: callModel as never,
  };
}
