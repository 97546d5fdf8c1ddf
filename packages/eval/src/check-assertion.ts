import type { Assertion, AssertionCheck, AssertionContext } from './assertion-check.js';
import { checkContainsJson, checkEqualsJson, checkField, checkIsJson, checkSchema } from './json-checks.js';
import { levenshteinDistance } from './levenshtein.js';
import { at, dollars, list, quote, quoteExact } from './reason-text.js';
import { findRefusal } from './refusal-markers.js';
import { checkNotToolCalled, checkToolCalled, checkValidToolsCall } from './tool-checks.js';

export type { Assertion, AssertionCheck, AssertionContext };

/** Every assertion type this version scores, the same list as core's evals.yaml schema. */
export const assertionTypes = [
  'equals',
  'not-equals',
  'contains',
  'icontains',
  'not-contains',
  'not-icontains',
  'starts-with',
  'not-starts-with',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'not-contains-any',
  'not-contains-all',
  'not-icontains-any',
  'not-icontains-all',
  'regex',
  'not-regex',
  'is-json',
  'not-is-json',
  'contains-json',
  'not-contains-json',
  'json-schema',
  'field-equals',
  'is-refusal',
  'not-is-refusal',
  'max-words',
  'max-chars',
  'word-count',
  'not-word-count',
  'finish-reason',
  'not-finish-reason',
  'levenshtein',
  'not-levenshtein',
  'latency',
  'cost',
  'tool-called',
  'not-tool-called',
  'is-valid-openai-tools-call',
  'not-is-valid-openai-tools-call',
  'llm-rubric',
  'similar',
  'not-similar',
] as const satisfies ReadonlyArray<Assertion['type']>;

/** Checks that rule content out; in a refusal case a failed one is never rescued by soft assertions. */
export const forbiddenContentTypes: ReadonlySet<Assertion['type']> = new Set([
  'not-contains',
  'not-icontains',
  'not-contains-any',
  'not-icontains-any',
  'not-contains-all',
  'not-icontains-all',
  'not-regex',
  'is-refusal',
  // A call the case rules out (a refund an injected instruction asked for) is forbidden behaviour, however well the text reads.
  'not-tool-called',
]);

// promptfoo's `not-` prefix inverts any assertion; these are the inversions
// that need nothing of their own: the positive check's reason states a fact
// that reads right either way.
type Negation = Extract<Assertion['type'], `not-${string}`>;
const invertedTypes = new Set<string>([
  'not-equals',
  'not-starts-with',
  'not-contains-any',
  'not-contains-all',
  'not-icontains-any',
  'not-icontains-all',
  'not-is-json',
  'not-contains-json',
  'not-word-count',
  'not-finish-reason',
  'not-levenshtein',
  'not-is-valid-openai-tools-call',
] satisfies Negation[]);

/**
 * Scores one assertion against one answer, with promptfoo's meaning for each
 * name promptfoo uses (docs/evals.md lists the deliberate differences): the
 * answer is compared as it came, whitespace included. promptpack's own
 * `max-words`, `max-chars`, `json-schema` and `field-equals` ignore the
 * whitespace around it.
 */
export function checkAssertion(assertion: Assertion, context: AssertionContext): AssertionCheck {
  if (invertedTypes.has(assertion.type)) {
    const positive = checkAssertion({ ...assertion, type: assertion.type.slice('not-'.length) } as Assertion, context);
    return { pass: !positive.pass, reason: positive.reason };
  }
  const { text } = context;
  const lower = text.toLowerCase();
  switch (assertion.type) {
    case 'equals':
      if (typeof assertion.value === 'object') return checkEqualsJson(assertion.value, text);
      return result(text === String(assertion.value), `is exactly ${quoteExact(String(assertion.value))}`, `is ${quoteExact(text)}, not exactly ${quoteExact(String(assertion.value))}`);
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
      return result(text.startsWith(assertion.value), `starts with ${quoteExact(assertion.value)}`, `starts with ${quoteExact(text.slice(0, 40))}, not ${quoteExact(assertion.value)}`);
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
    case 'is-json':
      return checkIsJson(assertion.value, text);
    case 'contains-json':
      return checkContainsJson(assertion.value, text);
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
      const words = countWords(text);
      return result(words <= assertion.value, `${words} words, at most ${assertion.value}`, `${words} words, more than ${assertion.value}`);
    }
    case 'max-chars': {
      const chars = Array.from(text.trim()).length;
      return result(chars <= assertion.value, `${chars} characters, at most ${assertion.value}`, `${chars} characters, more than ${assertion.value}`);
    }
    case 'word-count':
      return checkWordCount(assertion.value, countWords(text));
    case 'finish-reason': {
      if (context.finishReason === undefined) return fail('finish reason unknown: the provider (or the recording) reported none');
      const expected = assertion.value;
      return result(expected.toLowerCase() === context.finishReason.toLowerCase(), `finish reason ${quote(context.finishReason)}`, `finish reason ${quote(context.finishReason)}, not ${quote(expected)}`);
    }
    case 'levenshtein': {
      const distance = levenshteinDistance(text, assertion.value);
      const threshold = assertion.threshold ?? 5;
      return result(distance <= threshold, `edit distance ${distance} from ${quoteExact(assertion.value)}, at most ${threshold}`, `edit distance ${distance} from ${quoteExact(assertion.value)}, more than ${threshold}`);
    }
    case 'latency':
      return result(context.latencyMs <= assertion.threshold, `${context.latencyMs} ms, at most ${assertion.threshold} ms`, `${context.latencyMs} ms, more than ${assertion.threshold} ms`);
    case 'cost':
      if (context.costUsd === undefined) return fail('cost unknown: the provider reported none (give the openai provider its pricing)');
      return result(context.costUsd <= assertion.threshold, `$${dollars(context.costUsd)}, at most $${assertion.threshold}`, `$${dollars(context.costUsd)}, more than $${assertion.threshold}`);
    case 'tool-called':
      return checkToolCalled(assertion, context);
    case 'not-tool-called':
      return checkNotToolCalled(assertion.name, context);
    case 'is-valid-openai-tools-call':
      return checkValidToolsCall(context);
    case 'llm-rubric':
    case 'similar':
    case 'not-similar':
      // Asynchronous (a judge, an embedding endpoint): graded by gradeModelAssertions before scoring.
      return context.graded?.get(assertion) ?? fail(`not graded: ${assertion.type} needs a judge or embeddings, graded by runEvals before scoring`);
    default:
      return fail(`unknown assertion type ${quote((assertion as { type: string }).type)}: this @promptpack/eval is older than the manifest; upgrade it`);
  }
}

// promptfoo's word count (and max-words'): runs of non-whitespace, Unicode whitespace included.
function countWords(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

function checkWordCount(expected: number | { min?: number | undefined; max?: number | undefined }, words: number): AssertionCheck {
  if (typeof expected === 'number') return result(words === expected, `${words} words, exactly ${expected}`, `${words} words, not exactly ${expected}`);
  const { min, max } = expected;
  const wanted = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
  const inRange = (min === undefined || words >= min) && (max === undefined || words <= max);
  return result(inRange, `${words} words, ${wanted}`, `${words} words, not ${wanted}`);
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

function includes(text: string, value: string, ignoreCase: boolean): boolean {
  return ignoreCase ? text.toLowerCase().includes(value.toLowerCase()) : text.includes(value);
}

function result(ok: boolean, passReason: string, failReason: string): AssertionCheck {
  return { pass: ok, reason: ok ? passReason : failReason };
}
const pass = (reason: string): AssertionCheck => ({ pass: true, reason });
const fail = (reason: string): AssertionCheck => ({ pass: false, reason });
