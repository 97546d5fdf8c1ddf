import type OpenAI from 'openai';
import { readToolCall, type ModelToolCall, type ToolDefinition } from './tool-call.js';

/** The prompt's tools as chat completions' `tools`: functions, `strict` only where tools.yaml sets it. */
export function toOpenAITools(tools: readonly ToolDefinition[]): OpenAI.Chat.ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters as Record<string, unknown>,
      ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
    },
  }));
}

/**
 * The tool calls of a chat completion's message. Compatible servers differ:
 * arguments usually come as JSON text (parsed here, kept raw when not JSON),
 * some send an object; a call without a function name is not a call anyone
 * could run, and is left out rather than guessed at.
 */
export function readToolCalls(message: unknown): ModelToolCall[] | undefined {
  const list = (message as { tool_calls?: unknown } | null)?.tool_calls;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const calls: ModelToolCall[] = [];
  for (const entry of list as unknown[]) {
    const call = entry as { id?: unknown; function?: { name?: unknown; arguments?: unknown } } | null;
    const name = call?.function?.name;
    if (typeof name !== 'string') continue;
    const id = typeof call?.id === 'string' ? call.id : '';
    const given = call?.function?.arguments;
    if (typeof given === 'string') calls.push(readToolCall(id, name, given));
    else if (given !== null && typeof given === 'object') calls.push({ id, name, arguments: given });
    else calls.push({ id, name, unparsedArguments: String(given) });
  }
  return calls.length > 0 ? calls : undefined;
}
