import { isDeepStrictEqual } from 'node:util';
import type { Assertion, AssertionCheck, AssertionContext } from './assertion-check.js';
import { closeObjects, schemaErrors } from './json-schema-check.js';
import { list, quote } from './reason-text.js';
import { hasParsedArguments, type ModelToolCall } from './tool-call.js';

type ToolCalled = Extract<Assertion, { type: 'tool-called' }>;

/** `tool-called`: some call of the named tool whose arguments hold every given key (deep-equal) and fit the given schema. */
export function checkToolCalled(assertion: ToolCalled, context: AssertionContext): AssertionCheck {
  const calls = context.toolCalls ?? [];
  if (calls.length === 0) return fail(`called no tool, expected a call of ${quote(assertion.name)}`);
  const named = calls.filter((call) => call.name === assertion.name);
  if (named.length === 0) return fail(`called ${names(calls)}, not ${quote(assertion.name)}`);
  const mismatches: string[] = [];
  for (const call of named) {
    const problems = argumentProblems(assertion, call);
    if (problems.length === 0) return pass(`called ${quote(assertion.name)}${assertion.arguments || assertion.schema ? ' with matching arguments' : ''}`);
    mismatches.push(problems.join(', '));
  }
  const shown = mismatches.slice(0, 3).map((text, index) => (named.length > 1 ? `call ${index + 1}: ${text}` : text));
  return fail(`called ${quote(assertion.name)} ${times(named.length)}, with other arguments: ${shown.join('; ')}${mismatches.length > 3 ? '; ...' : ''}`);
}

/** `not-tool-called`: no call of the named tool, or without a name, no tool call at all. */
export function checkNotToolCalled(name: string | undefined, context: AssertionContext): AssertionCheck {
  const calls = context.toolCalls ?? [];
  if (name === undefined) return calls.length === 0 ? pass('called no tool') : fail(`called ${names(calls)}, expected no tool call`);
  const count = calls.filter((call) => call.name === name).length;
  return count === 0 ? pass(`did not call ${quote(name)}`) : fail(`called ${quote(name)} ${times(count)}, expected no call of it`);
}

/**
 * promptfoo's `is-valid-openai-tools-call`: at least one tool call, and each
 * names a tool the prompt declares, with arguments that are JSON and valid
 * against that tool's parameters.
 */
export function checkValidToolsCall(context: AssertionContext): AssertionCheck {
  const calls = context.toolCalls ?? [];
  if (calls.length === 0) return fail('called no tool: a valid tools call needs at least one');
  const tools = context.tools ?? [];
  if (tools.length === 0) return fail(`called ${names(calls)}, but the prompt declares no tools (tools.yaml)`);
  for (const call of calls) {
    const tool = tools.find((candidate) => candidate.name === call.name);
    if (!tool) return fail(`called ${quote(call.name)}, which the prompt does not declare (it declares ${list(tools.map((candidate) => candidate.name))})`);
    if (!hasParsedArguments(call)) return fail(`${quote(call.name)}: the arguments are not JSON: ${quote(call.unparsedArguments ?? '')}`);
    const errors = fitErrors(tool.parameters, call.arguments);
    if (errors.length > 0) return fail(`${quote(call.name)}: the arguments do not fit its parameters: ${errors.join('; ')}`);
  }
  return pass(`${calls.length === 1 ? 'one tool call' : `${calls.length} tool calls`}, each of a declared tool with valid arguments`);
}

const closedSchemas = new WeakMap<object, object>();

function argumentProblems(assertion: ToolCalled, call: ModelToolCall): string[] {
  if (!assertion.arguments && !assertion.schema) return [];
  if (!hasParsedArguments(call)) return [`the arguments are not JSON: ${quote(call.unparsedArguments ?? '')}`];
  const actual = call.arguments;
  const problems: string[] = [];
  if (assertion.arguments) {
    const isObject = actual !== null && typeof actual === 'object' && !Array.isArray(actual);
    if (!isObject) return [`the arguments are ${quote(showJson(actual))}, not an object`];
    // Object.keys and hasOwn only: a key such as __proto__ or constructor is compared as data, never looked up on the prototype.
    for (const key of Object.keys(assertion.arguments)) {
      const expected = assertion.arguments[key];
      if (!Object.hasOwn(actual, key)) {
        problems.push(`${key} is missing, expected ${quote(showJson(expected))}`);
        continue;
      }
      const found = (actual as Record<string, unknown>)[key];
      if (!equalArguments(found, expected)) problems.push(`${key} is ${quote(showJson(found))}, expected ${quote(showJson(expected))}`);
    }
  }
  if (assertion.schema) {
    let schema = closedSchemas.get(assertion.schema);
    if (!schema) {
      schema = closeObjects(assertion.schema) as object;
      closedSchemas.set(assertion.schema, schema);
    }
    problems.push(...fitErrors(schema, actual).map((error) => `does not fit the given schema: ${error}`));
  }
  return problems;
}

// A model's arguments are untrusted input: nesting deep enough to overflow
// the stack of a recursive compare or validator is a failed check with a
// reason, never an exception that would turn the run into an error.
function equalArguments(found: unknown, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(found, expected);
  } catch {
    return false;
  }
}

function fitErrors(schema: object, value: unknown): string[] {
  try {
    return schemaErrors(schema, value);
  } catch (error) {
    return [`the arguments could not be checked (${(error as Error).message}); they may be nested too deeply`];
  }
}

function showJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '(nested too deeply to show)';
  }
}

function names(calls: readonly ModelToolCall[]): string {
  return list([...new Set(calls.map((call) => call.name))]);
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

const pass = (reason: string): AssertionCheck => ({ pass: true, reason });
const fail = (reason: string): AssertionCheck => ({ pass: false, reason });
