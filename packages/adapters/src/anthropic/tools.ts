import type Anthropic from '@anthropic-ai/sdk';
import type { RenderedTool } from '../rendered-prompt.js';

/** `tools` of a Messages request: the parameters become `input_schema`; `strict` only when tools.yaml sets it. */
export function anthropicTools(tools: readonly RenderedTool[]): Anthropic.Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    // tools.yaml's parameters are always an object schema (its loader refuses anything else), as input_schema must be.
    input_schema: { ...tool.parameters, type: 'object' },
    ...(tool.strict === undefined ? {} : { strict: tool.strict }),
  }));
}
