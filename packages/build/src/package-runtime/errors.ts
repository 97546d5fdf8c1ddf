import { count, describeIssues, formatPath } from './describe-issues.js';
import type { Issue, PromptIdentity } from './prompt-definition.js';
import { describeCause } from './quote.js';

// Registry-wide symbols, one per class, so isInstance works across prompt
// packages and copies of one (a service installs several versions side by
// side) without accepting an error of another kind, core's included.
const variablesErrorMarker = /* @__PURE__ */ Symbol.for('promptpack.variables-error');
const outputErrorMarker = /* @__PURE__ */ Symbol.for('promptpack.output-error');
const renderErrorMarker = /* @__PURE__ */ Symbol.for('promptpack.render-error');
const toolCallErrorMarker = /* @__PURE__ */ Symbol.for('promptpack.tool-call-error');
const historyErrorMarker = /* @__PURE__ */ Symbol.for('promptpack.history-error');

// Packages built before the markers above carry this one, shared with core's
// errors, and their code; published versions stay installed, so their errors
// must still be recognised.
const sharedMarker = /* @__PURE__ */ Symbol.for('promptpack.error');

function isMarked(value: unknown, marker: symbol, code: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<PropertyKey, unknown>;
  return fields[marker] === true || (fields[sharedMarker] === true && fields.code === code);
}

// Messages are written here, not taken from zod: zod's wording changes with
// its version and a service's global locale, and this text must not.
abstract class PromptError extends Error {
  // Declared, not initialised: the constructor sets them in the order every
  // earlier release did, so an error logs the same.
  declare readonly code: string;
  declare readonly hint: string;
  declare readonly promptId: string;
  declare readonly promptVersion: string;

  constructor(prompt: PromptIdentity, name: string, code: string, summary: string, lines: readonly string[], hint: string, options?: ErrorOptions) {
    super([summary, ...lines.map((line) => `  - ${line}`), `hint: ${hint}`].join('\n'), options);
    this.name = name;
    this.code = code;
    this.hint = hint;
    this.promptId = prompt.id;
    this.promptVersion = prompt.version;
  }
}

/** render() got variables that do not match the schema; issues lists every problem, with its path. */
export class PromptVariablesError extends PromptError {
  declare readonly [variablesErrorMarker]: true;
  declare readonly issues: Issue[];

  constructor(prompt: PromptIdentity, issues: Issue[], variables: unknown) {
    super(
      prompt,
      'PromptVariablesError',
      'prompt/invalid-variables',
      `Invalid variables for prompt ${prompt.id}@${prompt.version} (${count(issues, 'issue')}):`,
      describeIssues(issues, 'variables', variables),
      `pass an object matching the Variables type of ${prompt.meta.name} (JSON Schema: manifest.variables), e.g. ${prompt.variablesExample}; safeRender() returns these issues instead of throwing.`,
    );
    this[variablesErrorMarker] = true;
    this.issues = issues;
  }

  /** True for this error from any prompt package or copy of one; instanceof only knows this module's class. */
  static isInstance(value: unknown): value is PromptVariablesError {
    return isMarked(value, variablesErrorMarker, 'prompt/invalid-variables');
  }
}

/** parseOutput() got model text that is not JSON or does not match the output schema. */
export class PromptOutputError extends PromptError {
  declare readonly [outputErrorMarker]: true;
  declare readonly issues: Issue[];
  /** The model text as given. */
  declare readonly text: unknown;

  constructor(prompt: PromptIdentity, issues: Issue[], value: unknown, text: unknown) {
    super(
      prompt,
      'PromptOutputError',
      'prompt/invalid-output',
      `Invalid model output for prompt ${prompt.id}@${prompt.version} (${count(issues, 'issue')}):`,
      describeIssues(issues, 'output', value),
      'the model must answer with JSON matching manifest.output; send outputJsonSchema as its structured-output schema, and use safeParseOutput() to handle a bad answer without an exception.',
    );
    this[outputErrorMarker] = true;
    this.issues = issues;
    this.text = text;
  }

  static isInstance(value: unknown): value is PromptOutputError {
    return isMarked(value, outputErrorMarker, 'prompt/invalid-output');
  }
}

/**
 * A template failed at render time although the variables were valid (strict
 * mode met a missing optional value); file is 'the prompt' when something
 * other than a template failed.
 */
export class PromptRenderError extends PromptError {
  declare readonly [renderErrorMarker]: true;
  /** Always empty: the variables were valid. */
  declare readonly issues: Issue[];
  /** policy.md, template.hbs, or 'the prompt' when the failure was in neither. */
  declare readonly file: string;

  constructor(prompt: PromptIdentity, file: string, cause: unknown) {
    super(
      prompt,
      'PromptRenderError',
      'prompt/render-failed',
      `Rendering ${file} of prompt ${prompt.id}@${prompt.version} failed:`,
      [describeCause(cause)],
      `an optional variable is probably printed outside {{#if}}; guard it with {{#if name}}...{{/if}} in ${file} and release a new version.`,
      { cause },
    );
    this[renderErrorMarker] = true;
    this.issues = [];
    this.file = file;
  }

  static isInstance(value: unknown): value is PromptRenderError {
    return isMarked(value, renderErrorMarker, 'prompt/render-failed');
  }
}

/** parseToolCall() got a call of a tool the prompt does not declare, or arguments that do not match its parameters. */
export class PromptToolCallError extends PromptError {
  declare readonly [toolCallErrorMarker]: true;
  declare readonly issues: Issue[];
  /** The tool the call named; undefined when it named none. */
  declare readonly toolName: string | undefined;
  /** The call as given. */
  declare readonly call: unknown;

  constructor(prompt: PromptIdentity, toolName: string | undefined, issues: Issue[], input: unknown, call: unknown, tools: readonly string[]) {
    super(
      prompt,
      'PromptToolCallError',
      'prompt/invalid-tool-call',
      `Invalid tool call${toolName === undefined ? '' : ` of ${JSON.stringify(toolName)}`} for prompt ${prompt.id}@${prompt.version} (${count(issues, 'issue')}):`,
      describeIssues(issues, 'call', input),
      `the model may call ${tools.length === 0 ? 'no tools (this prompt declares none)' : tools.map((name) => JSON.stringify(name)).join(', ')} with arguments matching manifest.tools; send the render result's tools to the model, and use safeParseToolCall() to answer a bad call without an exception.`,
    );
    this[toolCallErrorMarker] = true;
    this.issues = issues;
    this.toolName = toolName;
    this.call = call;
  }

  static isInstance(value: unknown): value is PromptToolCallError {
    return isMarked(value, toolCallErrorMarker, 'prompt/invalid-tool-call');
  }
}

/**
 * render() got chat history (its second argument, `{ history }`) that the
 * prompt does not take or that breaks its limits; issues' paths are relative
 * to that argument (`history[3].role`).
 */
export class PromptHistoryError extends PromptError {
  declare readonly [historyErrorMarker]: true;
  declare readonly issues: Issue[];

  constructor(prompt: PromptIdentity, issues: Issue[]) {
    super(
      prompt,
      'PromptHistoryError',
      'prompt/invalid-history',
      `Invalid chat history for prompt ${prompt.id}@${prompt.version} (${count(issues, 'issue')}):`,
      issues.map((issue) => `${historyPath(issue.path)}: ${issue.message}`),
      `pass render(variables, { history: [{ role: 'user', content: '...' }, { role: 'assistant', content: '...' }] }) within manifest.history's limits, to a prompt whose prompt.yaml declares history:; safeRender() returns these issues instead of throwing.`,
    );
    this[historyErrorMarker] = true;
    this.issues = issues;
  }

  static isInstance(value: unknown): value is PromptHistoryError {
    return isMarked(value, historyErrorMarker, 'prompt/invalid-history');
  }
}

// `history[3].role` as a caller writes it; `options` for the argument itself.
function historyPath(path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  return first === undefined ? 'options' : formatPath(String(first), rest);
}
