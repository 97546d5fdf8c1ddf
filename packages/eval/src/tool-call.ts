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
 * here. Text that is not JSON (or JSON nested deeper than
 * `maxArgumentsDepth`) is kept as it came, so an assertion can say "the
 * arguments are not JSON" instead of the run erroring.
 */
export function readToolCall(id: string, name: string, argumentsText: string): ModelToolCall {
  let value: unknown;
  try {
    value = JSON.parse(argumentsText);
  } catch {
    return { id, name, unparsedArguments: argumentsText };
  }
  // Kept as text too: a value this deep would overflow the recursive writers
  // downstream (the recording, the result file, structuredClone).
  if (deeperThan(value, maxArgumentsDepth)) return { id, name, unparsedArguments: argumentsText };
  return { id, name, arguments: value };
}

/** Far deeper than any tool's parameters go; shallow enough for every recursive JSON writer. */
export const maxArgumentsDepth = 256;

// Iterative, so measuring a hostile value cannot itself overflow the stack.
function deeperThan(root: unknown, limit: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Whether the call's arguments were JSON; `arguments` may be null, which is JSON too. */
export function hasParsedArguments(call: ModelToolCall): boolean {
  return call.unparsedArguments === undefined;
}
