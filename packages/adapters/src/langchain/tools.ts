import type { StructuredToolParams } from '@langchain/core/tools';
import { checkRendered } from '../check-rendered.js';
import type { RenderedPrompt } from '../rendered-prompt.js';

/**
 * The prompt's tools (tools.yaml) for `model.bindTools(toLangChainTools(result))`:
 * LangChain's `{ name, description, schema }` with the JSON Schema as
 * `schema`, which every provider's bindTools converts to its own shape.
 * LangChain sets strictness per call, not per tool: pass it as
 * `bindTools(tools, { strict: true })` when tools.yaml's tools are strict.
 */
export function toLangChainTools(result: RenderedPrompt): StructuredToolParams[] {
  checkRendered(result, 'toLangChainTools');
  return (result.tools ?? []).map((tool) => ({ name: tool.name, description: tool.description, schema: { ...tool.parameters } }));
}
