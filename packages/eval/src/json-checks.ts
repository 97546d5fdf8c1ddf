import { isDeepStrictEqual } from 'node:util';
import type { AssertionCheck, AssertionContext } from './assertion-check.js';
import { findJsonObjects } from './find-json-objects.js';
import { closeObjects, schemaErrors } from './json-schema-check.js';
import { readJson, readStrictJson } from './read-json.js';
import { quoteExact } from './reason-text.js';

/** `equals` with an object or array: the whole answer parsed as JSON, compared deeply (key order aside), as promptfoo does. */
export function checkEqualsJson(expected: unknown, text: string): AssertionCheck {
  const json = readStrictJson(text);
  const shown = JSON.stringify(expected);
  if (!json.ok) return fail(`not JSON (${json.error}), so not equal to ${shown}`);
  return isDeepStrictEqual(json.value, expected) ? pass(`is JSON equal to ${shown}`) : fail(`is JSON ${quoteExact(JSON.stringify(json.value))}, not equal to ${shown}`);
}

/** `is-json`: the whole answer is JSON and, given a schema, fits it (plain JSON Schema, as promptfoo checks it). */
export function checkIsJson(schema: object | undefined, text: string): AssertionCheck {
  const json = readStrictJson(text);
  if (!json.ok) return fail(`not JSON: ${json.error}`);
  if (!schema) return pass('is JSON');
  const errors = schemaErrors(schema, json.value);
  return errors.length === 0 ? pass('is JSON that fits the given schema') : fail(`is JSON but does not fit the given schema: ${errors.join('; ')}`);
}

/** `contains-json`: some JSON object inside the answer (prose or a fence around it allowed) and, given a schema, one that fits it. */
export function checkContainsJson(schema: object | undefined, text: string): AssertionCheck {
  const objects = findJsonObjects(text);
  if (objects.length === 0) return fail('contains no JSON object');
  if (!schema) return pass(`contains ${objects.length === 1 ? 'a JSON object' : `${objects.length} JSON objects`}`);
  let errors: string[] = [];
  for (const value of objects) {
    errors = schemaErrors(schema, value);
    if (errors.length === 0) return pass('contains a JSON object that fits the given schema');
  }
  return fail(`contains JSON, none fitting the given schema: ${errors.join('; ')}`);
}

const closedSchemas = new WeakMap<object, object>();

/** promptpack's `json-schema`: the answer as the prompt's parser reads it, against the prompt's schema or an inline one with closed objects. */
export function checkSchema(inline: object | undefined, context: AssertionContext): AssertionCheck {
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
export function checkField(path: string, expected: string | number | boolean | null, context: AssertionContext): AssertionCheck {
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

const pass = (reason: string): AssertionCheck => ({ pass: true, reason });
const fail = (reason: string): AssertionCheck => ({ pass: false, reason });
