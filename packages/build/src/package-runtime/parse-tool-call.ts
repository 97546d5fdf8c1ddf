// parseToolCall: checks a tool call a model made against the prompt's tools,
// like parseOutput checks an answer: the tool must be one the prompt declares,
// the arguments must be JSON matching that tool's parameters, and every
// problem comes back with its path.
//
// It takes a call in the shape each SDK hands it over, so a service passes
// what it got without mapping it first:
// - `{ name, arguments }` (arguments as a JSON string or an object);
// - OpenAI chat completions: `{ id, type: 'function', function: { name, arguments } }`;
// - OpenAI responses: `{ type: 'function_call', call_id, name, arguments }`;
// - Anthropic: `{ type: 'tool_use', id, name, input }`;
// - the Vercel AI SDK: `{ toolCallId, toolName, input }` (or `args`).
import { PromptToolCallError } from './errors.js';
import type { Issue, PromptIdentity, Schema, ToolDefinition } from './prompt-definition.js';
import { clip, describeCause, maxQuoted } from './quote.js';


/** A checked tool call: the tool's name, its parsed arguments and the provider's call id when it had one. */
export interface ParsedToolCall {
  name: string;
  arguments: Record<string, unknown>;
  id?: string;
}

export type SafeParseToolCallResult = { success: true; data: ParsedToolCall } | { success: false; error: PromptToolCallError };

interface ToolPrompt extends PromptIdentity {
  readonly tools: readonly ToolDefinition[];
}

/**
 * The check of each tool's arguments, in the order of `tools`. Passed apart
 * from the definition (like parseOutput's schema), so a bundle that only
 * renders never reaches them, nor zod behind them.
 */
export type ToolArgumentSchemas = readonly Schema<Record<string, unknown>>[];

/** A model's arguments are a few hundred bytes; far more is a runaway or hostile answer, refused before parsing. */
export const maxArgumentsLength = 1024 * 1024;

/** Checks one tool call; never throws. */
export function safeParsePromptToolCall(prompt: ToolPrompt, argumentSchemas: ToolArgumentSchemas, call: unknown): SafeParseToolCallResult {
  const names = prompt.tools.map((tool) => tool.name);
  try {
    return parseCall(prompt, argumentSchemas, call, names);
  } catch (error) {
    const issue: Issue = { code: 'custom', path: [], message: `the tool call cannot be checked (${describeCause(error)})` };
    return { success: false, error: new PromptToolCallError(prompt, undefined, [issue], undefined, call, names) };
  }
}

/** safeParsePromptToolCall() that throws PromptToolCallError. */
export function parsePromptToolCall(prompt: ToolPrompt, argumentSchemas: ToolArgumentSchemas, call: unknown): ParsedToolCall {
  const result = safeParsePromptToolCall(prompt, argumentSchemas, call);
  if (!result.success) throw result.error;
  return result.data;
}

// Issues are reported against the call as `{ name, arguments }`, whatever
// shape it came in: `call.arguments.orderId` reads the same for every SDK.
// Problems zod does not find (an unknown tool, arguments that are not JSON)
// are `custom` issues whose message says it all.
interface CallParts {
  name: unknown;
  arguments: unknown;
  id: unknown;
}

function parseCall(prompt: ToolPrompt, argumentSchemas: ToolArgumentSchemas, call: unknown, names: readonly string[]): SafeParseToolCallResult {
  const fail = (toolName: string | undefined, issues: Issue[], input: unknown) => ({ success: false as const, error: new PromptToolCallError(prompt, toolName, issues, input, call, names) });
  const parts = callParts(call);
  if (!parts) {
    return fail(undefined, [{ code: 'invalid_type', expected: 'object', path: [], message: 'expected a tool call: { name, arguments } or a call object from the openai, anthropic or ai SDK' }], call);
  }
  if (typeof parts.name !== 'string') {
    return fail(undefined, [{ code: 'invalid_type', expected: 'string', path: ['name'], message: 'expected the name of the tool called' }], parts);
  }
  const index = prompt.tools.findIndex((candidate) => candidate.name === parts.name);
  const tool = prompt.tools[index];
  const argumentsSchema = argumentSchemas[index];
  if (!tool || !argumentsSchema) {
    const near = closest(parts.name, names);
    const known = names.length === 0 ? 'this prompt declares no tools' : `known tools: ${names.join(', ')}${near ? `; did you mean ${JSON.stringify(near)}?` : ''}`;
    return fail(parts.name, [{ code: 'custom', path: ['name'], message: `unknown tool ${JSON.stringify(clip(parts.name, maxQuoted))} (${known})` }], parts);
  }
  let input = parts.arguments;
  if (typeof input === 'string' && input.length > maxArgumentsLength) {
    return fail(tool.name, [{ code: 'custom', path: ['arguments'], message: `the arguments are ${input.length} characters of JSON, more than the ${maxArgumentsLength} a tool call may carry` }], { name: tool.name, arguments: undefined });
  }
  if (typeof input === 'string') {
    // An empty string is how some providers send "no arguments".
    if (input.trim() === '') input = {};
    else {
      try {
        input = JSON.parse(input);
      } catch (error) {
        return fail(tool.name, [{ code: 'custom', path: ['arguments'], message: `the arguments are not JSON (${clip((error as Error).message, maxQuoted)})` }], parts);
      }
    }
  } else if (input === undefined) input = {};
  const checked = argumentsSchema.safeParse(input);
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => ({ ...issue, path: ['arguments', ...issue.path] }));
    return fail(tool.name, issues, { name: tool.name, arguments: input });
  }
  const data: ParsedToolCall = { name: tool.name, arguments: checked.data };
  if (typeof parts.id === 'string') data.id = parts.id;
  return { success: true, data };
}

function callParts(call: unknown): CallParts | undefined {
  if (typeof call !== 'object' || call === null || Array.isArray(call)) return undefined;
  const fields = call as Record<string, unknown>;
  const own = (key: string) => (Object.hasOwn(fields, key) ? fields[key] : undefined);
  const nested = own('function');
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    return { name: Object.hasOwn(inner, 'name') ? inner.name : undefined, arguments: Object.hasOwn(inner, 'arguments') ? inner.arguments : undefined, id: own('id') };
  }
  if (own('toolName') !== undefined) return { name: own('toolName'), arguments: Object.hasOwn(fields, 'input') ? own('input') : own('args'), id: own('toolCallId') };
  if (own('type') === 'tool_use') return { name: own('name'), arguments: own('input'), id: own('id') };
  return { name: own('name'), arguments: Object.hasOwn(fields, 'arguments') ? own('arguments') : own('input'), id: own('call_id') ?? own('id') };
}

/** The declared name closest to a misspelt one, when it is close enough to suggest. */
function closest(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of names) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (a.length > 256 || b.length > 256) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
