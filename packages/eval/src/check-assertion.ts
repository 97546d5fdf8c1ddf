import type { Assertion } from '@promptpack/spec';
import { closeObjects, schemaErrors } from './json-schema-check.js';
import { readJson, readStrictJson } from './read-json.js';
import { findRefusal } from './refusal-markers.js';

export type { Assertion };

export interface AssertionContext {
  /** The model's answer as it came. */
  text: string;
  /** The prompt's `safeParseOutput(text).data`; undefined when that failed. */
  parsed?: unknown;
  latencyMs: number;
  costUsd?: number;
  /** The prompt's `outputJsonSchema`, the default for `json-schema`. */
  outputSchema: object | null;
}

export interface AssertionCheck {
  pass: boolean;
  /** What was expected and what was found, in one line; also said on a pass. */
  reason: string;
}

/** Every assertion type this version scores, the same list as core's evals.yaml schema. */
export const assertionTypes = [
  'equals',
  'contains',
  'icontains',
  'not-contains',
  'not-icontains',
  'starts-with',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'regex',
  'not-regex',
  'is-json',
  'json-schema',
  'field-equals',
  'is-refusal',
  'not-is-refusal',
  'max-words',
  'max-chars',
  'latency',
  'cost',
] as const satisfies ReadonlyArray<Assertion['type']>;

/** Checks that rule content out; in a refusal case a failed one is never rescued by soft assertions. */
export const forbiddenContentTypes: ReadonlySet<Assertion['type']> = new Set(['not-contains', 'not-icontains', 'not-regex', 'is-refusal']);

/**
 * Scores one assertion against one answer. Text checks ignore whitespace
 * around the answer (`equals`, `starts-with`, `max-words`, `max-chars`,
 * `is-json`); `contains` and the regexes see it as it came.
 */
export function checkAssertion(assertion: Assertion, context: AssertionContext): AssertionCheck {
  const { text } = context;
  const lower = text.toLowerCase();
  switch (assertion.type) {
    case 'equals':
      return result(text.trim() === assertion.value, `equals ${quote(assertion.value)}`, `expected exactly ${quote(assertion.value)}, found ${quote(text.trim())}`);
    case 'contains':
      return result(text.includes(assertion.value), `contains ${quote(assertion.value)}`, `does not contain ${quote(assertion.value)}`);
    case 'icontains':
      return result(lower.includes(assertion.value.toLowerCase()), `contains ${quote(assertion.value)} (any case)`, `does not contain ${quote(assertion.value)} (any case)`);
    case 'not-contains':
      return result(!text.includes(assertion.value), `does not contain ${quote(assertion.value)}`, `contains ${quote(assertion.value)} ${at(text, text.indexOf(assertion.value))}`);
    case 'not-icontains': {
      const index = lower.indexOf(assertion.value.toLowerCase());
      return result(index < 0, `does not contain ${quote(assertion.value)} (any case)`, `contains ${quote(text.slice(index, index + assertion.value.length))} ${at(text, index)}`);
    }
    case 'starts-with':
      return result(text.trimStart().startsWith(assertion.value), `starts with ${quote(assertion.value)}`, `expected to start with ${quote(assertion.value)}, starts with ${quote(text.trimStart().slice(0, 40))}`);
    case 'contains-any':
    case 'icontains-any': {
      const found = assertion.value.filter((value) => includes(text, value, assertion.type === 'icontains-any'));
      return result(found.length > 0, `contains ${quote(found[0] ?? '')}`, `contains none of ${list(assertion.value)}${assertion.type === 'icontains-any' ? ' (any case)' : ''}`);
    }
    case 'contains-all':
    case 'icontains-all': {
      const missing = assertion.value.filter((value) => !includes(text, value, assertion.type === 'icontains-all'));
      return result(missing.length === 0, `contains all of ${list(assertion.value)}`, `missing ${list(missing)}${assertion.type === 'icontains-all' ? ' (any case)' : ''}`);
    }
    case 'regex':
    case 'not-regex': {
      const pattern = compile(assertion.value, assertion.flags);
      const match = pattern.exec(text);
      const shown = `/${assertion.value}/${assertion.flags ?? ''}`;
      if (assertion.type === 'regex') return result(match !== null, `matches ${shown} with ${quote(match?.[0] ?? '')}`, `no match for ${shown}`);
      return result(match === null, `no match for ${shown}`, `matches ${shown} with ${quote(match?.[0] ?? '')} ${at(text, match?.index ?? 0)}`);
    }
    case 'is-json': {
      const json = readStrictJson(text);
      return json.ok ? pass('is JSON') : fail(`not JSON: ${json.error}`);
    }
    case 'json-schema':
      return checkSchema(assertion.value, context);
    case 'field-equals':
      return checkField(assertion.path, assertion.value, context);
    case 'is-refusal': {
      const marker = findRefusal(text);
      return marker ? pass(`refuses (${quote(marker)})`) : fail(`no refusal phrase in ${quote(text.trim())}`);
    }
    case 'not-is-refusal': {
      const marker = findRefusal(text);
      return marker ? fail(`refuses (${quote(marker)})`) : pass('does not refuse');
    }
    case 'max-words': {
      const words = text.trim().split(/\s+/).filter(Boolean).length;
      return result(words <= assertion.value, `${words} words, at most ${assertion.value}`, `${words} words, more than ${assertion.value}`);
    }
    case 'max-chars': {
      const chars = Array.from(text.trim()).length;
      return result(chars <= assertion.value, `${chars} characters, at most ${assertion.value}`, `${chars} characters, more than ${assertion.value}`);
    }
    case 'latency':
      return result(context.latencyMs <= assertion.value, `${context.latencyMs} ms, at most ${assertion.value} ms`, `${context.latencyMs} ms, more than ${assertion.value} ms`);
    case 'cost':
      if (context.costUsd === undefined) return fail('cost unknown: the provider reported none (give the openai provider its pricing)');
      return result(context.costUsd <= assertion.value, `$${dollars(context.costUsd)}, at most $${assertion.value}`, `$${dollars(context.costUsd)}, more than $${assertion.value}`);
    default:
      return fail(`unknown assertion type ${quote((assertion as { type: string }).type)}: this @promptpack/eval is older than the manifest; upgrade it`);
  }
}

// Flags are limited to i, m, s and u by the manifest schema, so a shared RegExp carries no lastIndex state.
const patterns = new Map<string, RegExp>();
function compile(source: string, flags: string | undefined): RegExp {
  const key = `${flags ?? ''}/${source}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new RegExp(source, flags);
    if (patterns.size > 1_000) patterns.clear();
    patterns.set(key, pattern);
  }
  return pattern;
}

const closedSchemas = new WeakMap<object, object>();

function checkSchema(inline: object | undefined, context: AssertionContext): AssertionCheck {
  let schema = context.outputSchema;
  if (inline) {
    schema = closedSchemas.get(inline) ?? (closeObjects(inline) as object);
    closedSchemas.set(inline, schema);
  }
  if (!schema) return fail('no schema: the prompt declares no output schema and the assertion gives none in value');
  const json = readJson(context.text);
  if (!json.ok) return fail(`not JSON: ${json.error}`);
  const errors = schemaErrors(schema, json.value);
  return errors.length === 0 ? pass(`matches the ${inline ? 'given' : "prompt's output"} schema`) : fail(errors.join('; '));
}

// The prompt's parsed output when it parsed; else the raw JSON, so a wrong
// decision still reads as "decision is deny" rather than "did not parse".
function checkField(path: string, expected: string | number | boolean | null, context: AssertionContext): AssertionCheck {
  let root = context.parsed;
  let note = '';
  if (root === undefined) {
    const json = readJson(context.text);
    if (!json.ok) return fail(`${path}: the output is not JSON (${json.error})`);
    root = json.value;
    note = " (read from raw JSON: the output does not match the prompt's schema)";
  }
  let value: unknown = root;
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return fail(`${path} is missing${note}, expected ${JSON.stringify(expected)}`);
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === expected) return pass(`${path} is ${JSON.stringify(expected)}`);
  return fail(`${path} is ${JSON.stringify(value) ?? 'undefined'}${note}, expected ${JSON.stringify(expected)}`);
}

function includes(text: string, value: string, ignoreCase: boolean): boolean {
  return ignoreCase ? text.toLowerCase().includes(value.toLowerCase()) : text.includes(value);
}

function result(ok: boolean, passReason: string, failReason: string): AssertionCheck {
  return { pass: ok, reason: ok ? passReason : failReason };
}
const pass = (reason: string): AssertionCheck => ({ pass: true, reason });
const fail = (reason: string): AssertionCheck => ({ pass: false, reason });

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

function list(values: readonly string[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

function at(text: string, index: number): string {
  const line = text.slice(0, index).split('\n').length;
  return `at line ${line}, column ${index - text.lastIndexOf('\n', index - 1)}`;
}

function dollars(amount: number): string {
  return amount < 0.01 ? amount.toPrecision(3) : amount.toFixed(4);
}
