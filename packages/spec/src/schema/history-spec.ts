import { z } from 'zod';

// Defaults a service can live with: about ten exchanges of chat, and a bound
// on characters so one pasted log cannot blow the model's context window or
// the bill. A prompt raises them when it needs to; the ceilings stop a typo
// (maxChars: 2000000000) from switching the bound off.
export const defaultHistoryTurns = 20;
export const defaultHistoryChars = 20_000;

/**
 * `history:` in prompt.yaml: the prompt takes prior conversation turns,
 * placed after the few-shots and before the new user message. Its limits are
 * part of the prompt's contract (hashed, versioned); the turns are input.
 */
export const historySpecSchema = z.strictObject({
  maxTurns: z.int().min(1).max(1000).default(defaultHistoryTurns).describe(`Most turns render() accepts (a user or an assistant message each); default ${defaultHistoryTurns}.`),
  maxChars: z.int().min(1).max(1_000_000).default(defaultHistoryChars).describe(`Most characters of content over all turns; default ${defaultHistoryChars}.`),
});

/** One prior turn as render() and an eval case take it: never template-evaluated, sent as written. */
export const historyTurnSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  // Whitespace alone is refused as empty: some APIs (Anthropic's) reject such a message outright.
  content: z.string().regex(/\S/, 'a turn\'s content must hold some text, not only whitespace'),
});

export type HistorySpec = z.infer<typeof historySpecSchema>;
export type HistoryTurn = z.infer<typeof historyTurnSchema>;
