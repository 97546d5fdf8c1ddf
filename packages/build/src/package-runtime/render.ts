import { checkRenderOptions, type HistoryCheck } from './check-history.js';
import { PromptHistoryError, PromptRenderError, PromptVariablesError } from './errors.js';
import type { DefinedPrompt, Issue, Message, RenderResult, Template } from './prompt-definition.js';
import { lastPolicyText, rememberPolicy } from './last-policy.js';
import { describeCause } from './quote.js';

/**
 * Validates variables (throwing PromptVariablesError with every issue) and
 * the chat history of `options` (PromptHistoryError), and renders the messages.
 */
export function renderPrompt(prompt: DefinedPrompt, variables: unknown, options?: unknown): RenderResult {
  // One path for both: render() throws exactly the error safeRender() would return.
  const result = attemptRender(prompt, variables, options);
  if (result instanceof Error) throw result;
  return result;
}

export type SafeRenderResult = { success: true; data: RenderResult } | { success: false; error: PromptVariablesError | PromptHistoryError | PromptRenderError };

/** renderPrompt() that returns { success: false, error } instead of throwing, whatever it is given. */
export function safeRenderPrompt(prompt: DefinedPrompt, variables: unknown, options?: unknown): SafeRenderResult {
  const result = attemptRender(prompt, variables, options);
  return result instanceof Error ? { success: false, error: result } : { success: true, data: result };
}

// The result or the error, never thrown: render() then wraps nothing per request (a RenderResult is never an Error).
function attemptRender(prompt: DefinedPrompt, variables: unknown, options: unknown): RenderResult | PromptVariablesError | PromptHistoryError | PromptRenderError {
  // Without options (most calls) no history code runs at all.
  let history: Message[] | undefined;
  if (options !== undefined) {
    const check = safeCheckRenderOptions(prompt, options);
    if (!check.success) return new PromptHistoryError(prompt, check.issues);
    history = check.turns;
  }
  let parsed: ReturnType<DefinedPrompt['checkVariables']>;
  try {
    parsed = prompt.checkVariables(variables);
  } catch (error) {
    // A getter that throws, a revoked proxy: the variables cannot even be read.
    const issue: Issue = { code: 'custom', path: [], message: `the variables cannot be read (${describeCause(error)}); pass plain data` };
    return new PromptVariablesError(prompt, [issue], undefined);
  }
  if (!parsed.success) return new PromptVariablesError(prompt, parsed.error.issues, variables);
  try {
    return renderValid(prompt, parsed.data, history);
  } catch (error) {
    if (error instanceof PromptRenderError) return error;
    // Not a template (say, a variable's getter read while rendering): still a result, never an exception.
    return new PromptRenderError(prompt, 'the prompt', error);
  }
}

function safeCheckRenderOptions(prompt: DefinedPrompt, options: unknown): HistoryCheck {
  try {
    return checkRenderOptions(prompt.historyLimits, options);
  } catch (error) {
    // A getter that throws, a revoked proxy: the history cannot even be read.
    return { success: false, issues: [{ code: 'custom', path: ['history'], message: `cannot be read (${describeCause(error)}); pass plain data`, input: undefined }] };
  }
}

// History turns are checked copies, sent as written: never template-evaluated.
function renderValid(prompt: DefinedPrompt, data: Record<string, unknown>, history: Message[] | undefined): RenderResult {
  const { fewshots } = prompt;
  const turns = history === undefined ? 0 : history.length;
  // Sized once and filled by index: pushing would grow the list twice per request, and for...of allocates an iterator.
  const messages: Message[] = new Array<Message>(2 * fewshots.length + turns + 2);
  messages[0] = { role: 'system', content: renderPolicy(prompt, data) };
  for (let index = 0; index < fewshots.length; index += 1) {
    const shot = fewshots[index]!;
    messages[2 * index + 1] = { role: 'user', content: shot.user };
    messages[2 * index + 2] = { role: 'assistant', content: shot.assistant };
  }
  for (let index = 0; index < turns; index += 1) messages[2 * fewshots.length + 1 + index] = history![index]!;
  messages[messages.length - 1] = { role: 'user', content: runTemplate(prompt, prompt.userTemplate, 'template.hbs', data) };
  const result: RenderResult = { messages, model: prompt.modelDefaults(), meta: { ...prompt.meta } };
  // The frozen list itself: the same for every request, so nothing is copied.
  if (prompt.tools.length > 0) result.tools = prompt.tools;
  return result;
}

// Services usually pass the same policy variables (a company name, a team)
// on every request, so the system message is remembered per distinct
// values: same text, without re-running the template (definePrompt bounds
// the cache by count and size). The last values come first: comparing them
// costs no key (last-policy.ts).
function renderPolicy(prompt: DefinedPrompt, data: Record<string, unknown>): string {
  const last = lastPolicyText(prompt.lastPolicy, prompt.policyVariables, data);
  if (last !== undefined) return last;
  const key = policyKey(prompt.policyVariables, data);
  let text = prompt.policyCache.get(key);
  if (text === undefined) {
    text = runTemplate(prompt, prompt.policyTemplate, 'policy.md', data);
    prompt.policyCache.set(key, text);
    // A text too large for the cache is not remembered here either: it is rendered every time.
    if (prompt.policyCache.get(key) === undefined) return text;
  }
  rememberPolicy(prompt.lastPolicy, prompt.policyVariables, data, text);
  return text;
}

/** The values of the variables the policy reads, as one string two different sets of values can never share. */
export function policyKey(names: readonly string[], data: Record<string, unknown>): string {
  let key = '';
  for (const name of names) {
    const value = data[name];
    // Length-prefixed strings cannot collide; anything else goes through JSON.
    key += typeof value === 'string' ? `${value.length}:${value};` : `${JSON.stringify(value)};`;
  }
  return key;
}

function runTemplate(prompt: DefinedPrompt, template: Template, file: string, data: Record<string, unknown>): string {
  try {
    return template(data);
  } catch (error) {
    throw new PromptRenderError(prompt, file, error);
  }
}
