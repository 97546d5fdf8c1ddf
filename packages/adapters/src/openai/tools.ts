import type OpenAI from 'openai';
import type { RenderedTool } from '../rendered-prompt.js';

/** `tools` of a chat completion: each a function tool; `strict` only when tools.yaml sets it (the API's default is false). */
export function openAIChatTools(tools: readonly RenderedTool[]): OpenAI.Chat.ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters }, ...(tool.strict === undefined ? {} : { strict: tool.strict }) },
  }));
}

/**
 * `tools` of a responses request. `strict` is always sent: the responses API
 * makes a function strict when it is left out, and a schema written without
 * strict in mind (an optional parameter, a `minLength`) would then be refused.
 */
export function openAIResponsesTools(tools: readonly RenderedTool[]): OpenAI.Responses.FunctionTool[] {
  return tools.map((tool) => ({ type: 'function', name: tool.name, description: tool.description, parameters: { ...tool.parameters }, strict: tool.strict ?? false }));
}
