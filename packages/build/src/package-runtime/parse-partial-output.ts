// parseOutput for an answer that is still streaming: the typed part of the
// structured answer that has arrived, which of its fields are final, and an
// error as soon as the answer can no longer become valid.
//
// The rule for problems: the output schema checks the partial value, and a
// problem counts when more text cannot repair it. A problem inside a
// complete field always counts (a finished `"decision": "maybe"` is wrong
// now). Inside a part still arriving, only problems that growing cannot fix
// count: a wrong type, text longer than its maximum, too many elements, an
// unknown key, or text that no allowed value starts with. A missing field,
// a string still short of its minimum or an unfinished pattern does not.
import { PromptOutputError } from './errors.js';
import { readPartialJson, type PartialNode } from './partial-json.js';
import type { DefinedPrompt, Issue, Schema } from './prompt-definition.js';
import { clip, describeCause, maxQuoted } from './quote.js';

export type SafeParsePartialOutputResult =
  | {
      success: true;
      /** The answer so far: undefined until its JSON starts. */
      data: unknown;
      /** The whole JSON value has arrived and passed the output schema; `data` is what parseOutput returns. */
      complete: boolean;
      /** Dotted paths of the fields whose value is final, e.g. `decision`, `items.0.name`. */
      completed: string[];
    }
  | { success: false; error: PromptOutputError };

// A model often wraps the JSON in a markdown fence, as parseOutput allows.
const anyFence = /`{3}[A-Za-z]*[ \t]*\r?\n/;
const trailingBackticks = /`{1,2}$/;
const jsonStart = /^[[{"\-0-9tfn]/;

/** The structured answer so far, from the text received so far. Never throws. */
export function safeParsePartialPromptOutput(prompt: DefinedPrompt, outputSchema: Schema<unknown>, text: unknown): SafeParsePartialOutputResult {
  try {
    return parsePartial(prompt, outputSchema, text);
  } catch (error) {
    const issue: Issue = { code: 'custom', path: [], message: `the partial output cannot be checked (${describeCause(error)})` };
    return { success: false, error: new PromptOutputError(prompt, [issue], undefined, text) };
  }
}

/** safeParsePartialPromptOutput() that throws PromptOutputError. */
export function parsePartialPromptOutput(prompt: DefinedPrompt, outputSchema: Schema<unknown>, text: unknown): Extract<SafeParsePartialOutputResult, { success: true }> {
  const result = safeParsePartialPromptOutput(prompt, outputSchema, text);
  if (!result.success) throw result.error;
  return result;
}

function parsePartial(prompt: DefinedPrompt, outputSchema: Schema<unknown>, text: unknown): SafeParsePartialOutputResult {
  if (typeof text !== 'string') {
    const issue: Issue = { code: 'invalid_type', expected: 'string', path: [], message: 'expected the model output text received so far' };
    return { success: false, error: new PromptOutputError(prompt, [issue], text, text) };
  }
  // Text answers (no output schema, or a string root) are their own partial value.
  if (!prompt.hasOutputSchema || prompt.outputIsText) return { success: true, data: text, complete: false, completed: [] };
  const body = jsonBody(text);
  if (body === undefined) return { success: true, data: undefined, complete: false, completed: [] };
  const reading = readPartialJson(body);
  if (!reading.success) {
    const issue: Issue = { code: 'custom', path: [], message: `expected JSON, received text that cannot become JSON (${clip(reading.message, maxQuoted)})` };
    return { success: false, error: new PromptOutputError(prompt, [issue], undefined, text) };
  }
  const root = reading.root;
  if (root === undefined) return { success: true, data: undefined, complete: false, completed: [] };
  const checked = outputSchema.safeParse(root.value);
  // The whole value has arrived (a closing fence may still be on its way): parseOutput's check, in full.
  if (reading.complete) {
    if (!checked.success) return { success: false, error: new PromptOutputError(prompt, checked.error.issues, root.value, text) };
    return { success: true, data: checked.data, complete: true, completed: completedPaths(root) };
  }
  if (!checked.success) {
    const lasting = checked.error.issues.filter((issue: Issue) => lasts(issue, root));
    if (lasting.length > 0) return { success: false, error: new PromptOutputError(prompt, lasting, root.value, text) };
  }
  return { success: true, data: root.value, complete: false, completed: completedPaths(root) };
}

/** The JSON part of the text so far, after a fence if one opens it; undefined while only prose has arrived. */
function jsonBody(text: string): string | undefined {
  const start = text.trimStart();
  if (start === '' || jsonStart.test(start)) return text;
  const fence = anyFence.exec(text);
  // Prose before a fence (or prose only): the JSON has not started yet.
  if (!fence) return undefined;
  const body = text.slice(fence.index + fence[0].length);
  // The JSON ends at the closing fence, as in parseOutput; a fence still arriving (one or two backticks) is not JSON.
  const end = body.indexOf('```');
  return end >= 0 ? body.slice(0, end) : body.replace(trailingBackticks, '');
}

/** Whether a problem the schema found in the partial value can no longer go away. */
function lasts(issue: Issue, root: PartialNode): boolean {
  const trail = nodesAlong(root, issue.path);
  if (trail.some((node) => node.complete)) return true;
  const node = trail.length === issue.path.length + 1 ? trail.at(-1) : undefined;
  if (node === undefined) return false;
  switch (issue.code) {
    case 'invalid_type':
      return true;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array';
    case 'unrecognized_keys':
      return true;
    case 'invalid_value':
      return typeof node.value === 'string' && !issue.values.some((allowed) => typeof allowed === 'string' && allowed.startsWith(node.value as string));
    default:
      return false;
  }
}

/** The nodes from the root down the path, as far as the partial value reaches. */
function nodesAlong(root: PartialNode, path: readonly PropertyKey[]): PartialNode[] {
  const trail = [root];
  let node: PartialNode | undefined = root;
  for (const key of path) {
    node = node.children?.get(String(key));
    if (node === undefined) break;
    trail.push(node);
  }
  return trail;
}

function completedPaths(root: PartialNode | undefined): string[] {
  const paths: string[] = [];
  const visit = (node: PartialNode, path: string) => {
    if (node.complete && path !== '') paths.push(path);
    for (const [key, child] of node.children ?? []) visit(child, path === '' ? key : `${path}.${key}`);
  };
  if (root) visit(root, '');
  return paths;
}
