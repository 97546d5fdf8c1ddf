import { textCacheRuntime } from './text-cache-runtime.js';

/**
 * The part of every generated module that is the same for all prompts:
 * error classes, issue formatting, render and output parsing. It is copied
 * into each dist rather than imported from a promptpack package, so a
 * published prompt keeps its exact behaviour when promptpack moves on.
 *
 * Plain JS that runs as both ESM and CJS. It expects the module to define
 * before it: id, version, meta, modelDefaults(), fewshots, policyTemplate,
 * userTemplate, variablesSchema, outputSchema, hasOutputSchema, outputIsText.
 * Written with String.raw, so it contains no backtick and no dollar-brace
 * (other than the one that includes the text cache).
 *
 * The safe variants never throw: variables with a throwing getter, a cycle
 * or a BigInt, and model output nested too deep to print, come back as
 * issues; every text a message quotes (values, causes) is cut short.
 */
export const moduleRuntime = String.raw`${textCacheRuntime}
const errorMarker = Symbol.for('promptpack.error');

// Messages are written here, not taken from zod: zod's wording changes with
// its version and a service's global locale, and this text must not.
class PromptError extends Error {
  constructor(name, code, summary, lines, hint, options) {
    super([summary, ...lines.map((line) => '  - ' + line), 'hint: ' + hint].join('\n'), options);
    this.name = name;
    this.code = code;
    this.hint = hint;
    this.promptId = id;
    this.promptVersion = version;
    this[errorMarker] = true;
  }
}

function isPromptError(value, code) {
  return typeof value === 'object' && value !== null && value[errorMarker] === true && value.code === code;
}

/** render() got variables that do not match the schema; issues lists every problem, with its path. */
class PromptVariablesError extends PromptError {
  constructor(issues, variables) {
    super(
      'PromptVariablesError',
      'prompt/invalid-variables',
      'Invalid variables for prompt ' + id + '@' + version + ' (' + count(issues, 'issue') + '):',
      describeIssues(issues, 'variables', variables),
      'pass an object matching the Variables type of ' + meta.name + ' (JSON Schema: manifest.variables), e.g. ' + variablesExample + '; safeRender() returns these issues instead of throwing.',
    );
    this.issues = issues;
  }

  /** True for this error from any prompt package or copy of one; instanceof only knows this module's class. */
  static isInstance(value) {
    return isPromptError(value, 'prompt/invalid-variables');
  }
}

/** parseOutput() got model text that is not JSON or does not match the output schema. */
class PromptOutputError extends PromptError {
  constructor(issues, value, text) {
    super(
      'PromptOutputError',
      'prompt/invalid-output',
      'Invalid model output for prompt ' + id + '@' + version + ' (' + count(issues, 'issue') + '):',
      describeIssues(issues, 'output', value),
      'the model must answer with JSON matching manifest.output; send outputJsonSchema as its structured-output schema, and use safeParseOutput() to handle a bad answer without an exception.',
    );
    this.issues = issues;
    this.text = text;
  }

  static isInstance(value) {
    return isPromptError(value, 'prompt/invalid-output');
  }
}

/** A template failed at render time although the variables were valid (strict mode met a missing optional value). */
class PromptRenderError extends PromptError {
  constructor(file, cause) {
    super(
      'PromptRenderError',
      'prompt/render-failed',
      'Rendering ' + file + ' of prompt ' + id + '@' + version + ' failed:',
      [describeCause(cause)],
      'an optional variable is probably printed outside {{#if}}; guard it with {{#if name}}...{{/if}} in ' + file + ' and release a new version.',
      { cause },
    );
    this.issues = [];
    this.file = file;
  }

  static isInstance(value) {
    return isPromptError(value, 'prompt/render-failed');
  }
}

// Bounded: a message quotes at most this much of anything a caller or a model supplied.
const maxQuoted = 200;

function clip(text, limit) {
  return text.length > limit ? text.slice(0, limit - 3) + '...' : text;
}

// Never throws: a thrown value may be anything, including an object whose message getter throws.
function describeCause(cause) {
  try {
    return clip(String(cause && cause.message ? cause.message : cause), maxQuoted);
  } catch {
    return 'an error that cannot be printed';
  }
}

function count(items, noun) {
  return items.length + ' ' + noun + (items.length === 1 ? '' : 's');
}

// Describing reads the input again (getters, proxies): whatever it throws, the error still gets built.
function describeIssues(issues, root, input) {
  try {
    return describeEachIssue(issues, root, input);
  } catch (error) {
    return [root + ': ' + count(issues, 'issue') + ' that cannot be described (' + describeCause(error) + ')'];
  }
}

function describeEachIssue(issues, root, input) {
  const lines = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(formatPath(root, issue.path.concat(key)) + ': unknown key, not declared in the schema (check its spelling)');
    } else {
      lines.push(formatPath(root, issue.path) + ': ' + describeIssue(issue, valueAt(input, issue.path)));
    }
  }
  return lines;
}

function formatPath(root, path) {
  let text = root;
  for (const segment of path) text += typeof segment === 'number' ? '[' + segment + ']' : '.' + String(segment);
  return text;
}

function valueAt(value, path) {
  let current = value;
  try {
    for (const segment of path) {
      if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    }
  } catch {
    return undefined;
  }
  return current;
}

function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

// Short, so a message never carries a whole customer message into a log;
// built from a few leading parts only, so a huge, deep, cyclic value or a
// BigInt costs nothing and throws nothing (JSON.stringify of the whole
// would).
function preview(value) {
  try {
    return clip(briefJson(value, 2), 40);
  } catch {
    return 'a value that cannot be printed';
  }
}

function briefJson(value, depth) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) : value);
  if (typeof value === 'bigint') return String(value) + 'n';
  if (value === null || typeof value !== 'object') return typeof value === 'number' || typeof value === 'boolean' || value === undefined ? String(value) : typeof value;
  const array = Array.isArray(value);
  if (depth === 0) return array ? '[...]' : '{...}';
  const keys = Object.keys(value);
  const parts = [];
  let length = 0;
  for (const key of keys.slice(0, 4)) {
    const part = (array ? '' : JSON.stringify(key.slice(0, 20)) + ':') + briefJson(value[key], depth - 1);
    parts.push(part);
    length += part.length;
    if (length > 40) break;
  }
  const more = parts.length < keys.length ? ',...' : '';
  return (array ? '[' : '{') + parts.join(',') + more + (array ? ']' : '}');
}

function describeIssue(issue, value) {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      return 'expected ' + expected + ', received ' + kindOf(value) + (value === undefined ? ' (it is required)' : '');
    }
    case 'invalid_value':
      return (issue.values.length === 1 ? 'expected ' + preview(issue.values[0]) : 'expected one of ' + issue.values.map(preview).join(' | ')) + ', received ' + preview(value);
    case 'too_small':
      return describeBound(issue, issue.minimum, issue.inclusive ? 'at least' : 'more than', issue.inclusive ? '>=' : '>', value);
    case 'too_big':
      return describeBound(issue, issue.maximum, issue.inclusive ? 'at most' : 'fewer than', issue.inclusive ? '<=' : '<', value);
    case 'invalid_format':
      return issue.format === 'regex' ? 'expected a string matching ' + issue.pattern + ', received ' + preview(value) : 'expected a valid ' + issue.format;
    default:
      return issue.message;
  }
}

function describeBound(issue, limit, words, operator, value) {
  if (issue.origin === 'string') return 'expected ' + words + ' ' + limit + ' characters, received ' + (typeof value === 'string' ? value.length : kindOf(value));
  if (issue.origin === 'array') return 'expected ' + words + ' ' + limit + ' items, received ' + (Array.isArray(value) ? value.length : kindOf(value));
  return 'expected a number ' + operator + ' ' + limit + ', received ' + preview(value);
}

function deepFreeze(value) {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze(value[key]);
  }
  return value;
}

function runTemplate(template, file, data) {
  try {
    return template(data);
  } catch (error) {
    throw new PromptRenderError(file, error);
  }
}

// Services usually pass the same policy variables (a company name, a team)
// on every request, so the system message is remembered per distinct
// values: same text, without re-running the template. Bounded by count and
// size, because the values may come from callers.
const policyCache = createTextCache(256, 4 * 1024 * 1024);

function policyKey(data) {
  let key = '';
  for (const name of policyVariables) {
    const value = data[name];
    // Length-prefixed strings cannot collide; anything else goes through JSON.
    key += typeof value === 'string' ? value.length + ':' + value + ';' : JSON.stringify(value) + ';';
  }
  return key;
}

function renderPolicy(data) {
  const key = policyKey(data);
  let text = policyCache.get(key);
  if (text === undefined) {
    text = runTemplate(policyTemplate, 'policy.md', data);
    policyCache.set(key, text);
  }
  return text;
}

function renderValid(data) {
  const messages = [{ role: 'system', content: renderPolicy(data) }];
  for (const shot of fewshots) messages.push({ role: 'user', content: shot.user }, { role: 'assistant', content: shot.assistant });
  messages.push({ role: 'user', content: runTemplate(userTemplate, 'template.hbs', data) });
  return { messages, model: modelDefaults(), meta: { ...meta } };
}

/** Validates variables (throwing PromptVariablesError with every issue) and renders the messages. */
function render(variables) {
  const result = safeRender(variables);
  if (!result.success) throw result.error;
  return result.data;
}

/** render() that returns { success: false, error } instead of throwing, whatever it is given. */
function safeRender(variables) {
  let parsed;
  try {
    parsed = variablesSchema.safeParse(variables);
  } catch (error) {
    // A getter that throws, a revoked proxy: the variables cannot even be read.
    const issue = { code: 'custom', path: [], message: 'the variables cannot be read (' + describeCause(error) + '); pass plain data' };
    return { success: false, error: new PromptVariablesError([issue], undefined) };
  }
  if (!parsed.success) return { success: false, error: new PromptVariablesError(parsed.error.issues, variables) };
  try {
    return { success: true, data: renderValid(parsed.data) };
  } catch (error) {
    if (error instanceof PromptRenderError) return { success: false, error };
    return { success: false, error: new PromptRenderError('the prompt', error) };
  }
}

// A model often wraps JSON in a markdown fence (with or without "json").
const fencePattern = /\x60{3}[A-Za-z]*[ \t]*\r?\n([\s\S]*?)\x60{3}/;

function readJson(text) {
  try {
    return { success: true, value: JSON.parse(text) };
  } catch (error) {
    const fenced = fencePattern.exec(text);
    if (fenced) {
      try {
        return { success: true, value: JSON.parse(fenced[1]) };
      } catch {
        // Report the error for the whole text below: it is what the caller passed.
      }
    }
    return { success: false, message: clip(error.message, maxQuoted) };
  }
}

/** Model output -> Output: JSON (optionally in a fenced block) validated against the output schema. Never throws. */
function safeParseOutput(text) {
  try {
    return parseOutputText(text);
  } catch (error) {
    // An answer nested deeper than validation can walk (RangeError), or anything else unforeseen: still a result.
    const issue = { code: 'custom', path: [], message: 'the output cannot be checked (' + describeCause(error) + ')' };
    return { success: false, error: new PromptOutputError([issue], undefined, text) };
  }
}

function parseOutputText(text) {
  if (typeof text !== 'string') {
    const issue = { code: 'invalid_type', expected: 'string', path: [], message: 'expected the model output text' };
    return { success: false, error: new PromptOutputError([issue], text, text) };
  }
  if (!hasOutputSchema) return { success: true, data: text };
  const json = readJson(text);
  let value;
  if (json.success && (!outputIsText || typeof json.value === 'string')) value = json.value;
  // A string output (say, a label) is usually sent bare, not as a JSON string.
  else if (outputIsText) value = text.trim();
  else {
    const issue = { code: 'custom', path: [], message: 'expected JSON, received text that does not parse (' + json.message + ')' };
    return { success: false, error: new PromptOutputError([issue], text, text) };
  }
  const parsed = outputSchema.safeParse(value);
  if (!parsed.success) return { success: false, error: new PromptOutputError(parsed.error.issues, value, text) };
  return { success: true, data: parsed.data };
}

/** safeParseOutput() that throws PromptOutputError. */
function parseOutput(text) {
  const result = safeParseOutput(text);
  if (!result.success) throw result.error;
  return result.data;
}
`;
