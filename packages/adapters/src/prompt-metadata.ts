import type { RenderedPrompt } from './rendered-prompt.js';

/**
 * The prompt's identity as flat string attributes, named as the runtime
 * names them on spans, for an SDK's telemetry or run metadata: a trace of the
 * model call then says which prompt version produced it.
 */
export function promptMetadata(result: RenderedPrompt): Record<string, string> {
  const metadata: Record<string, string> = {
    'promptpack.prompt.id': result.meta.id,
    'promptpack.prompt.version': result.meta.version,
    'promptpack.prompt.content_hash': result.meta.contentHash,
  };
  if (result.meta.name !== undefined) metadata['promptpack.prompt.name'] = result.meta.name;
  return metadata;
}
