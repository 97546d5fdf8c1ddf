import { createRequire } from 'node:module';
import type { ResolutionEvent } from './resolution-event.js';

/** The slice of @opentelemetry/api the runtime uses. */
export interface OpenTelemetryApi {
  trace: { getActiveSpan(): { setAttributes(attributes: Record<string, string>): unknown } | undefined };
}

/**
 * @opentelemetry/api when the service has it installed, else undefined: an
 * optional peer, so services without tracing pay nothing.
 */
export function detectOpenTelemetry(): OpenTelemetryApi | undefined {
  try {
    return createRequire(import.meta.url)('@opentelemetry/api') as OpenTelemetryApi;
  } catch {
    return undefined;
  }
}

export function annotateActiveSpan(api: OpenTelemetryApi, event: ResolutionEvent): void {
  const span = api.trace.getActiveSpan();
  if (!span) return;
  const attributes: Record<string, string> = {
    'promptpack.prompt.id': event.id,
    'promptpack.prompt.version': event.version,
    'promptpack.prompt.content_hash': event.contentHash,
    'promptpack.flag.name': event.flag,
    'promptpack.resolution.reason': event.reason,
  };
  if (event.variant !== undefined) attributes['promptpack.flag.variant'] = event.variant;
  span.setAttributes(attributes);
}
