import type { ModelToolCall } from '@promptpack/spec';

export type { ModelToolCall };

/** A tool as a request sends it: a built package's `tools` entry (parameters as JSON Schema). */
export interface ToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: object;
  readonly strict?: boolean;
}

/**
 * A tool call as a provider received it: arguments are JSON text, parsed
 * here. Text that is not JSON is kept as it came, so an assertion can say
 * "the arguments are not JSON" instead of the run erroring.
 */
export function readToolCall(id: string, name: string, argumentsText: string): ModelToolCall {
  try {
    return { id, name, arguments: JSON.parse(argumentsText) as unknown };
  } catch {
    return { id, name, unparsedArguments: argumentsText };
  }
}

/** Whether the call's arguments were JSON; `arguments` may be null, which is JSON too. */
export function hasParsedArguments(call: ModelToolCall): boolean {
  return call.unparsedArguments === undefined;
}
