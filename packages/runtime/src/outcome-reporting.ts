import type { FlagContext } from './flag-source.js';
import type { ModelCallTracer } from './model-call-span.js';
import { modelCaller } from './model-call.js';
import { meterName, type OutcomeMeter } from './outcome-instruments.js';
import type { OutcomeOptions, OutcomeReporting } from './outcome.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import type { PromptsConfig } from './prompt-module.js';
import type { RuntimeWarning } from './resolution-event.js';

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
