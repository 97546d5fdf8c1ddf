import type { ModelMessage, SystemModelMessage, TelemetrySettings, Tool } from 'ai';
import { checkRendered } from '../check-rendered.js';
import { promptMetadata } from '../prompt-metadata.js';
import type { RenderedPrompt } from '../rendered-prompt.js';
import { aiSdkTools } from './tools.js';

export interface AiSdkRequestOptions {
  /**
   * Merged into `experimental_telemetry`, e.g. `{ isEnabled: true }`: the
   * AI SDK records nothing until telemetry is enabled, and the prompt's id,
   * version and content hash are already in its `metadata`.
   */
  telemetry?: TelemetrySettings;
}

/** What `generateText()` / `streamText()` take besides `model` (the caller's provider instance). */
export interface AiSdkTextRequest {
  system?: string | SystemModelMessage[];
  messages: ModelMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  seed?: number;
  stopSequences?: string[];
  /** tools.yaml's tools by name; only when the prompt has tools. */
  tools?: Record<string, Tool<unknown, never>>;
  experimental_telemetry: TelemetrySettings;
}

/**
 * The options of `generateText({ model, ...toAiSdkText(result) })`: the
 * policy in `system`, never in `messages` (the SDK warns about a system
 * message there, and throws with `allowSystemInMessages: false`),
 * `maxTokens` as `maxOutputTokens`, the prompt's tools (tools.yaml) as
 * `tools`, and the prompt's identity in `experimental_telemetry.metadata`
 * so the SDK's spans carry it.
 */
export function toAiSdkText(result: RenderedPrompt, options: AiSdkRequestOptions = {}): AiSdkTextRequest {
  checkRendered(result, 'toAiSdkText');
  const model = result.model ?? {};
  const system = result.messages.filter((message) => message.role === 'system');
  const request: AiSdkTextRequest = {
    messages: result.messages.flatMap(({ role, content }) => (role === 'system' ? [] : [{ role, content }])),
    experimental_telemetry: telemetry(result, options.telemetry),
  };
  if (system.length === 1) request.system = system[0]!.content;
  else if (system.length > 1) request.system = system.map(({ content }) => ({ role: 'system', content }));
  if (model.maxTokens !== undefined) request.maxOutputTokens = model.maxTokens;
  if (model.temperature !== undefined) request.temperature = model.temperature;
  if (model.topP !== undefined) request.topP = model.topP;
  if (model.frequencyPenalty !== undefined) request.frequencyPenalty = model.frequencyPenalty;
  if (model.presencePenalty !== undefined) request.presencePenalty = model.presencePenalty;
  if (model.seed !== undefined) request.seed = model.seed;
  if (model.stop !== undefined) request.stopSequences = [...model.stop];
  if (result.tools !== undefined && result.tools.length > 0) request.tools = aiSdkTools(result.tools);
  return request;
}

function telemetry(result: RenderedPrompt, settings: TelemetrySettings | undefined): TelemetrySettings {
  return { functionId: result.meta.id, ...settings, metadata: { ...promptMetadata(result), ...settings?.metadata } };
}
