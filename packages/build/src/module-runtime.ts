/**
 * The part of every generated module that is the same for all prompts:
 * error classes, issue formatting, render and output parsing. It is copied
 * into each dist rather than imported from a promptpack package, so a
 * published prompt keeps its exact behaviour when promptpack moves on.
 *
 * Plain JS that runs as both ESM and CJS. It expects the module to define
 * before it: id, version, meta, modelDefaults(), fewshots, policyTemplate,
 * userTemplate, variablesSchema, outputSchema, hasOutputSchema, outputIsText.
 * Written with String.raw, so it contains no backtick and no dollar-brace.
 */
export const moduleRuntime = String.raw`// One registry-wide mark per error class (the same keys as @promptpack/spec's
// errorMarker), so isInstance works across copies of a package and accepts
// only its own kind: a PromptVariablesError is no PromptpackError or PromptOutputError.
const classMarkers = {
  PromptVariablesError: Symbol.for('promptpack.prompt-variables-error'),
  PromptOutputError: Symbol.for('promptpack.prompt-output-error'),
  PromptRenderError: Symbol.for('promptpack.prompt-render-error'),
};

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
    Object.defineProperty(this, classMarkers[name], { value: true });
  }
}

function isPromptError(value, name) {
  return typeof value === 'object' && value !== null && value[classMarkers[name]] === true;
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
    return isPromptError(value, 'PromptVariablesError');
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
    return isPromptError(value, 'PromptOutputError');
  }
}

/** A template failed at render time although the variables were valid (strict mode met a missing optional value). */
class PromptRenderError extends PromptError {
  constructor(file, cause) {
    super(
      'PromptRenderError',
      'prompt/render-failed',
      'Rendering ' + file + ' of prompt ' + id + '@' + version + ' failed:',
      [String(cause && cause.message ? cause.message : cause)],
      'an optional variable is probably printed outside {{#if}}; guard it with {{#if name}}...{{/if}} in ' + file + ' and release a new version.',
      { cause },
    );
    this.issues = [];
    this.file = file;
  }

  static isInstance(value) {
    return isPromptError(value, 'PromptRenderError');
  }
}

function count(items, noun) {
  return items.length + ' ' + noun + (items.length === 1 ? '' : 's');
}

function describeIssues(issues, root, input) {
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
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

// Short, so a message never carries a whole customer message into a log.
function preview(value) {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  if (text === undefined) return kindOf(value);
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
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
// values: same text, without re-running the template. Bounded, because the
// values may come from callers.
const policyCache = new Map();

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
    if (policyCache.size >= 256) policyCache.clear();
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
  const parsed = variablesSchema.safeParse(variables);
  if (!parsed.success) throw new PromptVariablesError(parsed.error.issues, variables);
  return renderValid(parsed.data);
}

/** render() that returns { success: false, error } instead of throwing. */
function safeRender(variables) {
  const parsed = variablesSchema.safeParse(variables);
  if (!parsed.success) return { success: false, error: new PromptVariablesError(parsed.error.issues, variables) };
  try {
    return { success: true, data: renderValid(parsed.data) };
  } catch (error) {
    if (error instanceof PromptRenderError) return { success: false, error };
    throw error;
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
    return { success: false, message: error.message };
  }
}

/** Model output -> Output: JSON (optionally in a fenced block) validated against the output schema. */
function safeParseOutput(text) {
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
