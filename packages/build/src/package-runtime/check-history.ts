import type { HistoryLimits, Issue, Message } from './prompt-definition.js';
import { preview } from './preview.js';

export type HistoryCheck = { success: true; turns: Message[] | undefined } | { success: false; issues: Issue[] };

const none: HistoryCheck = { success: true, turns: undefined };

/**
 * render()'s second argument, `{ history }`, checked against the prompt's
 * declared limits. Paths are relative to that argument (`history[3].role`).
 * Each turn is read once, own properties only (a polluted Object.prototype
 * or a getter that answers differently on a second read cannot slip a role
 * past the check), and copied: the turns rendered are exactly the ones
 * checked. A getter or proxy that throws is the caller's to catch.
 */
export function checkRenderOptions(limits: HistoryLimits | null, options: unknown): HistoryCheck {
  if (options === undefined) return none;
  if (!isRecord(options)) return failure([issue([], `expected render options such as { history: [...] }, received ${kindOf(options)}`)]);
  const issues: Issue[] = [];
  for (const key of Object.keys(options)) if (key !== 'history') issues.push(issue([key], 'unknown render option (the only one is history)'));
  const history = Object.hasOwn(options, 'history') ? options.history : undefined;
  if (history === undefined) return issues.length > 0 ? failure(issues) : none;
  if (limits === null) {
    issues.push(issue(['history'], 'this prompt takes no chat history; declare `history:` in its prompt.yaml and release a new version, or leave history out'));
    return failure(issues);
  }
  if (!Array.isArray(history)) return failure([...issues, issue(['history'], `expected an array of { role, content } turns, received ${kindOf(history)}`)]);
  // Before reading a single turn: a huge array costs nothing to refuse.
  if (history.length > limits.maxTurns) {
    return failure([...issues, issue(['history'], `expected at most ${limits.maxTurns} turns, received ${history.length}; keep the latest (history.slice(-${limits.maxTurns}))`)]);
  }
  const turns: Message[] = [];
  let characters = 0;
  for (let index = 0; index < history.length; index += 1) {
    const turn = checkTurn(history[index], index, issues);
    if (!turn) continue;
    characters += turn.content.length;
    turns.push(turn);
  }
  if (characters > limits.maxChars) issues.push(issue(['history'], `expected at most ${limits.maxChars} characters of content over all turns, received ${characters}; drop the oldest turns or shorten them`));
  return issues.length > 0 ? failure(issues) : { success: true, turns };
}

function checkTurn(turn: unknown, index: number, issues: Issue[]): Message | undefined {
  if (!isRecord(turn)) {
    issues.push(issue(['history', index], `expected a turn { role: 'user' | 'assistant', content: string }, received ${kindOf(turn)}`));
    return undefined;
  }
  const found = issues.length;
  for (const key of Object.keys(turn)) if (key !== 'role' && key !== 'content') issues.push(issue(['history', index, key], 'unknown key (a turn has role and content only)'));
  const role = Object.hasOwn(turn, 'role') ? turn.role : undefined;
  const content = Object.hasOwn(turn, 'content') ? turn.content : undefined;
  if (role !== 'user' && role !== 'assistant') {
    // A system turn would let a conversation override the approved policy.
    issues.push(issue(['history', index, 'role'], `expected 'user' | 'assistant', received ${role === undefined ? 'undefined (it is required)' : preview(role)}`));
  }
  if (typeof content !== 'string') issues.push(issue(['history', index, 'content'], `expected string, received ${content === undefined ? 'undefined (it is required)' : kindOf(content)}`));
  // Whitespace alone counts as empty: some APIs (Anthropic's) reject such a message outright.
  else if (!/\S/.test(content)) issues.push(issue(['history', index, 'content'], 'expected some text, received an empty or whitespace-only string'));
  return issues.length === found ? { role: role as Message['role'], content: content as string } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function issue(path: (string | number)[], message: string): Issue {
  return { code: 'custom', path, message, input: undefined };
}

function failure(issues: Issue[]): HistoryCheck {
  return { success: false, issues };
}
