import type OpenAI from 'openai';
import { checkRendered } from '../check-rendered.js';
import { modelName } from '../model-name.js';
import { selectOutput } from '../output-source.js';
import type { RenderedPrompt } from '../rendered-prompt.js';
import type { OpenAIRequestOptions } from './chat-request.js';
import { jsonSchemaFormat } from './json-schema-format.js';
import { openAIResponsesTools } from './tools.js';

/**
 * The body of `client.responses.create()`: the messages as `input` (roles
 * kept, so the policy stays a system message), `maxTokens` as
 * `max_output_tokens`, with `{ output }` a json_schema `text.format`, and
 * the prompt's tools (tools.yaml) as function `tools`.
 * The responses API has no `seed`, `stop` or penalties: prompt.yaml's values
 * for those are not sent.
 */
export function toOpenAIResponses(result: RenderedPrompt, options: OpenAIRequestOptions = {}): OpenAI.Responses.ResponseCreateParamsNonStreaming {
  checkRendered(result, 'toOpenAIResponses');
  const model = result.model ?? {};
  const request: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
    model: modelName(result, options.model, 'toOpenAIResponses'),
    input: result.messages.map(({ role, content }) => ({ role, content })),
  };
  if (model.maxTokens !== undefined) request.max_output_tokens = model.maxTokens;
  if (model.temperature !== undefined) request.temperature = model.temperature;
  if (model.topP !== undefined) request.top_p = model.topP;
  if (result.tools !== undefined && result.tools.length > 0) request.tools = openAIResponsesTools(result.tools);
  if (options.output !== undefined) {
    const { outputJsonSchema } = selectOutput(result, options.output, 'toOpenAIResponses');
    request.text = { format: { type: 'json_schema', ...jsonSchemaFormat(result, outputJsonSchema) } };
  }
  return request;
}
