import type { RuntimeMeta } from './runtime-meta.js';

type SpanValue = string | number;

/** The slice of an OpenTelemetry Span (@opentelemetry/api) the runtime uses. */
export interface ModelCallSpan {
  setAttribute(key: string, value: SpanValue): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: Error | string): void;
  updateName(name: string): unknown;
  end(): void;
}

/** The slice of an OpenTelemetry Tracer the runtime uses; a real Tracer fits. */
export interface ModelCallTracer {
  startActiveSpan<F extends (span: ModelCallSpan) => unknown>(name: string, options: { kind?: number; attributes?: Record<string, SpanValue> }, fn: F): ReturnType<F>;
}

// @opentelemetry/api's SpanKind.CLIENT and SpanStatusCode.ERROR, as numbers so the runtime need not import it.
const clientKind = 2;
const errorStatus = 2;

/** What a model-call span is named and tagged with before the call: the GenAI conventions plus the prompt version. */
export function requestSpan(meta: Pick<RuntimeMeta, 'id' | 'version' | 'contentHash' | 'flag' | 'variant'>, model: { name?: unknown; provider?: unknown; temperature?: unknown; maxTokens?: unknown } | undefined) {
  const attributes: Record<string, SpanValue> = {
    'gen_ai.operation.name': 'chat',
    'promptpack.prompt.id': meta.id,
    'promptpack.prompt.version': meta.version,
    'promptpack.prompt.content_hash': meta.contentHash,
    'promptpack.flag.name': meta.flag,
  };
  if (meta.variant !== undefined) attributes['promptpack.flag.variant'] = meta.variant;
  const name = typeof model?.name === 'string' ? model.name : undefined;
  if (name !== undefined) attributes['gen_ai.request.model'] = name;
  if (typeof model?.provider === 'string') attributes['gen_ai.provider.name'] = model.provider;
  if (typeof model?.temperature === 'number') attributes['gen_ai.request.temperature'] = model.temperature;
  if (typeof model?.maxTokens === 'number') attributes['gen_ai.request.max_tokens'] = model.maxTokens;
  // The conventions' span name: `{operation} {model}`, the operation alone when the model is unknown.
  return { name: name === undefined ? 'chat' : `chat ${name}`, options: { kind: clientKind, attributes } };
}

/** Tags a span with what the call returned. */
export function answerSpan(span: ModelCallSpan, answer: { inputTokens?: number; outputTokens?: number; outcome: string }): void {
  if (answer.inputTokens !== undefined && Number.isFinite(answer.inputTokens)) span.setAttribute('gen_ai.usage.input_tokens', answer.inputTokens);
  if (answer.outputTokens !== undefined && Number.isFinite(answer.outputTokens)) span.setAttribute('gen_ai.usage.output_tokens', answer.outputTokens);
  span.setAttribute('promptpack.outcome', answer.outcome);
}

/** Marks a span failed with the caller's error, as the conventions want (`error.type`, status ERROR, the exception). */
export function failSpan(span: ModelCallSpan, error: unknown, type: string): void {
  span.setAttribute('error.type', type);
  span.setAttribute('promptpack.outcome', 'error');
  span.setStatus({ code: errorStatus, message: error instanceof Error ? error.message : String(error) });
  span.recordException(error instanceof Error ? error : String(error));
}
