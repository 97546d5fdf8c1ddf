import type OpenAI from 'openai';
import { checkRendered } from '../check-rendered.js';
import { modelName } from '../model-name.js';
import { selectOutput, type OutputSources } from '../output-source.js';
import type { RenderedPrompt } from '../rendered-prompt.js';
import { jsonSchemaFormat } from './json-schema-format.js';
import { openAIChatTools } from './tools.js';

export interface OpenAIRequestOptions {
  /** The model to call, instead of prompt.yaml's `model.name`. */
  model?: string;
  /** The prompt package (or every installed version) whose output schema the answer must follow. */
  output?: OutputSources;
}

/**
 * The body of `client.chat.completions.create()`: the messages as rendered,
 * `maxTokens` as `max_completion_tokens` (`max_tokens` is deprecated and
 * refused by reasoning models), and with `{ output }` a `response_format`
 * json_schema, and the prompt's tools (tools.yaml) as function `tools`.
 * Anything else (`tool_choice`, `user`, `store`) is spread in by the caller:
 * `{ ...toOpenAIChat(result), user: id }`.
 */
export function toOpenAIChat(result: RenderedPrompt, options: OpenAIRequestOptions = {}): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  checkRendered(result, 'toOpenAIChat');
  const model = result.model ?? {};
  const request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
    model: modelName(result, options.model, 'toOpenAIChat'),
    messages: result.messages.map(({ role, content }) => ({ role, content })),
  };
  if (model.maxTokens !== undefined) request.max_completion_tokens = model.maxTokens;
  if (model.temperature !== undefined) request.temperature = model.temperature;
  if (model.topP !== undefined) request.top_p = model.topP;
  if (model.frequencyPenalty !== undefined) request.frequency_penalty = model.frequencyPenalty;
  if (model.presencePenalty !== undefined) request.presence_penalty = model.presencePenalty;
  if (model.seed !== undefined) request.seed = model.seed;
  if (model.stop !== undefined) request.stop = [...model.stop];
  if (result.tools !== undefined && result.tools.length > 0) request.tools = openAIChatTools(result.tools);
  if (options.output !== undefined) {
    const { outputJsonSchema } = selectOutput(result, options.output, 'toOpenAIChat');
    request.response_format = { type: 'json_schema', json_schema: jsonSchemaFormat(result, outputJsonSchema) };
  }
  return request;
}
