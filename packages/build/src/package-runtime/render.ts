import { PromptRenderError, PromptVariablesError } from './errors.js';
import type { DefinedPrompt, Issue, Message, RenderResult, Template } from './prompt-definition.js';
import { describeCause } from './quote.js';

/** Validates variables (throwing PromptVariablesError with every issue) and renders the messages. */
export function renderPrompt(prompt: DefinedPrompt, variables: unknown): RenderResult {
  // One path for both: render() throws exactly the error safeRender() would return.
  const result = safeRenderPrompt(prompt, variables);
  if (!result.success) throw result.error;
  return result.data;
}

export type SafeRenderResult = { success: true; data: RenderResult } | { success: false; error: PromptVariablesError | PromptRenderError };

/** renderPrompt() that returns { success: false, error } instead of throwing, whatever it is given. */
export function safeRenderPrompt(prompt: DefinedPrompt, variables: unknown): SafeRenderResult {
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
    return { success: true, data: renderValid(prompt, parsed.data) };
  } catch (error) {
    if (error instanceof PromptRenderError) return { success: false, error };
    // Not a template (say, a variable's getter read while rendering): still a result, never an exception.
    return { success: false, error: new PromptRenderError(prompt, 'the prompt', error) };
  }
}

function renderValid(prompt: DefinedPrompt, data: Record<string, unknown>): RenderResult {
  const messages: Message[] = [{ role: 'system', content: renderPolicy(prompt, data) }];
  for (const shot of prompt.fewshots) messages.push({ role: 'user', content: shot.user }, { role: 'assistant', content: shot.assistant });
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
