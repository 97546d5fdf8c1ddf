import { jsonSchema, tool, type JSONSchema7, type Tool } from 'ai';
import type { RenderedTool } from '../rendered-prompt.js';

/**
 * `tools` of generateText() / streamText(): each tool keyed by its name, its
 * parameters as the SDK's JSON Schema. No `execute`: the service runs the
 * tool (checking the call with the package's parseToolCall first), or adds
 * `execute` itself: `{ ...request.tools.lookup_order, execute }`.
 */
export function aiSdkTools(tools: readonly RenderedTool[]): Record<string, Tool<unknown, never>> {
  const set: Record<string, Tool<unknown, never>> = {};
  for (const { name, description, parameters, strict } of tools) {
    const definition = tool<unknown>({ description, inputSchema: jsonSchema<unknown>({ ...parameters } as JSONSchema7) });
    if (strict !== undefined) definition.strict = strict;
    // Defined, not assigned: a tool named __proto__ must not become the record's prototype.
    Object.defineProperty(set, name, { value: definition, enumerable: true, writable: true, configurable: true });
  }
  return set;
}
