import type { ModelToolCall } from '@promptpack/spec';

// Long enough to read a refund's arguments, short enough that one call with
// megabytes of arguments cannot swamp a report.
const maxArgumentsLength = 2_000;

/**
 * The tool calls of an answer as plain text, one call a line:
 * `lookup_order {"orderId":"A-1"}`; arguments that were not JSON are shown
 * as the model wrote them, marked so. Plain text on purpose: each report
 * escapes it its own way (a markdown fence, HTML text, XML text).
 */
export function toolCallsText(calls: readonly ModelToolCall[] | undefined): string {
  return (calls ?? []).map((call) => `${call.name} ${argumentsText(call)}`).join('\n');
}

function argumentsText(call: ModelToolCall): string {
  if (call.unparsedArguments !== undefined) return `(arguments not JSON) ${cut(call.unparsedArguments)}`;
  let text: string;
  try {
    text = JSON.stringify(call.arguments) ?? 'undefined';
  } catch {
    text = '(arguments nested too deeply to show)';
  }
  return cut(text);
}

function cut(text: string): string {
  return text.length > maxArgumentsLength ? `${text.slice(0, maxArgumentsLength)}... (${text.length} characters)` : text;
}
