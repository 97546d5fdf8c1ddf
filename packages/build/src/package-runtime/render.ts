import { checkRenderOptions, type HistoryCheck } from './check-history.js';
import { PromptHistoryError, PromptRenderError, PromptVariablesError } from './errors.js';
import type { DefinedPrompt, Issue, Message, RenderResult, Template } from './prompt-definition.js';
import { describeCause } from './quote.js';

/**
 * Validates variables (throwing PromptVariablesError with every issue) and
 * the chat history of `options` (PromptHistoryError), and renders the messages.
 */
export function renderPrompt(prompt: DefinedPrompt, variables: unknown, options?: unknown): RenderResult {
  // One path for both: render() throws exactly the error safeRender() would return.
  const result = safeRenderPrompt(prompt, variables, options);
  if (!result.success) throw result.error;
  return result.data;
}

export type SafeRenderResult = { success: true; data: RenderResult } | { success: false; error: PromptVariablesError | PromptHistoryError | PromptRenderError };

/** renderPrompt() that returns { success: false, error } instead of throwing, whatever it is given. */
export function safeRenderPrompt(prompt: DefinedPrompt, variables: unknown, options?: unknown): SafeRenderResult {
  // Without options (most calls) no history code runs at all.
  let history: HistoryCheck | undefined;
  if (options !== undefined) {
    history = safeCheckRenderOptions(prompt, options);
    if (!history.success) return { success: false, error: new PromptHistoryError(prompt, history.issues) };
  }
  let parsed: ReturnType<DefinedPrompt['checkVariables']>;
  try {
    parsed = prompt.checkVariables(variables);
  } catch (error) {
    // A getter that throws, a revoked proxy: the variables cannot even be read.
    const issue: Issue = { code: 'custom', path: [], message: `the variables cannot be read (${describeCause(error)}); pass plain data` };
    return { success: false, error: new PromptVariablesError(prompt, [issue], undefined) };
  }
  if (!parsed.success) return { success: false, error: new PromptVariablesError(prompt, parsed.error.issues, variables) };
  try {
    return { success: true, data: renderValid(prompt, parsed.data, history?.success ? history.turns : undefined) };
  } catch (error) {
    if (error instanceof PromptRenderError) return { success: false, error };
    // Not a template (say, a variable's getter read while rendering): still a result, never an exception.
    return { success: false, error: new PromptRenderError(prompt, 'the prompt', error) };
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
  const messages: Message[] = [{ role: 'system', content: renderPolicy(prompt, data) }];
  for (const shot of prompt.fewshots) messages.push({ role: 'user', content: shot.user }, { role: 'assistant', content: shot.assistant });
  if (history !== undefined) for (const turn of history) messages.push(turn);
  messages.push({ role: 'user', content: runTemplate(prompt, prompt.userTemplate, 'template.hbs', data) });
  const result: RenderResult = { messages, model: prompt.modelDefaults(), meta: { ...prompt.meta } };
  // The frozen list itself: the same for every request, so nothing is copied.
  if (prompt.tools.length > 0) result.tools = prompt.tools;
  return result;
}

// Services usually pass the same policy variables (a company name, a team)
// on every request, so the system message is remembered per distinct
// values: same text, without re-running the template (definePrompt bounds
// the cache by count and size).
function renderPolicy(prompt: DefinedPrompt, data: Record<string, unknown>): string {
  const key = policyKey(prompt.policyVariables, data);
  let text = prompt.policyCache.get(key);
  if (text === undefined) {
    text = runTemplate(prompt, prompt.policyTemplate, 'policy.md', data);
    prompt.policyCache.set(key, text);
  }
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
