import type Anthropic from '@anthropic-ai/sdk';
import { AdapterError } from '../adapter-error.js';
import { checkRendered } from '../check-rendered.js';
import { modelName } from '../model-name.js';
import { selectOutput, type OutputSources } from '../output-source.js';
import type { RenderedPrompt } from '../rendered-prompt.js';
import { mergeTurns } from './merge-turns.js';
import { anthropicTools } from './tools.js';

export interface AnthropicRequestOptions {
  /** The model to call, instead of prompt.yaml's `model.name` (often an OpenAI model). */
  model?: string;
  /** `max_tokens` when prompt.yaml has no `maxTokens`: Anthropic requires one. */
  maxTokens?: number;
  /** The prompt package (or every installed version) whose output schema the answer must follow (`output_config.format`). */
  output?: OutputSources;
}

/**
 * The body of `client.messages.create()`: system messages apart in `system`,
 * user/assistant turns in `messages`, `maxTokens` as `max_tokens`, `stop` as
 * `stop_sequences`, the prompt's tools (tools.yaml) as `tools`. The Messages
 * API of SDK 1.x (API version 2026-10-21) takes no `temperature`, `top_p`,
 * `seed` or penalties: prompt.yaml's values for those are not sent.
 */
export function toAnthropic(result: RenderedPrompt, options: AnthropicRequestOptions = {}): Anthropic.MessageCreateParamsNonStreaming {
  checkRendered(result, 'toAnthropic');
  const model = result.model ?? {};
  const { id, version } = result.meta;
  const maxTokens = model.maxTokens ?? options.maxTokens;
  if (maxTokens === undefined) {
    throw new AdapterError(
      'adapters/missing-max-tokens',
      `toAnthropic: ${id}@${version} sets no model.maxTokens in prompt.yaml, and Anthropic requires max_tokens.`,
      `Set model.maxTokens in prompt.yaml, or pass it: toAnthropic(result, { maxTokens: 1024 }).`,
    );
  }
  const request: Anthropic.MessageCreateParamsNonStreaming = {
    model: modelName(result, options.model, 'toAnthropic'),
    max_tokens: maxTokens,
    messages: mergeTurns(result.messages),
  };
  const system = result.messages.filter((message) => message.role === 'system').map((message) => message.content);
  // One system message stays a string; several stay apart as blocks rather than being glued with a separator we would invent.
  if (system.length === 1) request.system = system[0]!;
  else if (system.length > 1) request.system = system.map((text) => ({ type: 'text', text }));
  if (model.stop !== undefined) request.stop_sequences = [...model.stop];
  if (result.tools !== undefined && result.tools.length > 0) request.tools = anthropicTools(result.tools);
  if (options.output !== undefined) {
    const { outputJsonSchema } = selectOutput(result, options.output, 'toAnthropic');
    request.output_config = { format: { type: 'json_schema', schema: { ...outputJsonSchema } } };
  }
  return request;
}
