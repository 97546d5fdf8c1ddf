import { PromptOutputError } from './errors.js';
import type { DefinedPrompt, Issue, Schema } from './prompt-definition.js';
import { clip, describeCause, maxQuoted } from './quote.js';

export type SafeParseOutputResult = { success: true; data: unknown } | { success: false; error: PromptOutputError };

/**
 * Model output -> Output: JSON (optionally in a fenced block) validated against the output schema. Never throws.
 * The schema is an argument, not part of the definition render() uses, so a
 * bundle that only renders does not keep it (and zod, which it loads) alive.
 */
export function safeParsePromptOutput(prompt: DefinedPrompt, outputSchema: Schema<unknown>, text: unknown): SafeParseOutputResult {
  try {
    return parseOutputText(prompt, outputSchema, text);
  } catch (error) {
    // An answer nested deeper than validation can walk (RangeError), or anything else unforeseen: still a result.
    const issue: Issue = { code: 'custom', path: [], message: `the output cannot be checked (${describeCause(error)})` };
    return { success: false, error: new PromptOutputError(prompt, [issue], undefined, text) };
  }
}

function parseOutputText(prompt: DefinedPrompt, outputSchema: Schema<unknown>, text: unknown): SafeParseOutputResult {
  if (typeof text !== 'string') {
    const issue: Issue = { code: 'invalid_type', expected: 'string', path: [], message: 'expected the model output text' };
    return { success: false, error: new PromptOutputError(prompt, [issue], text, text) };
  }
  if (!prompt.hasOutputSchema) return { success: true, data: text };
  const json = readJson(text);
  let value: unknown;
  if (json.success && (!prompt.outputIsText || typeof json.value === 'string')) value = json.value;
  // A string output (say, a label) is usually sent bare, not as a JSON string.
  else if (prompt.outputIsText) value = text.trim();
  else {
    const message = json.success ? '' : json.message;
    const issue: Issue = { code: 'custom', path: [], message: `expected JSON, received text that does not parse (${message})` };
    return { success: false, error: new PromptOutputError(prompt, [issue], text, text) };
  }
  const parsed = outputSchema.safeParse(value);
  if (!parsed.success) return { success: false, error: new PromptOutputError(prompt, parsed.error.issues, value, text) };
  return { success: true, data: parsed.data };
}

/** safeParsePromptOutput() that throws PromptOutputError. */
export function parsePromptOutput(prompt: DefinedPrompt, outputSchema: Schema<unknown>, text: unknown): unknown {
  const result = safeParsePromptOutput(prompt, outputSchema, text);
  if (!result.success) throw result.error;
  return result.data;
}

// A model often wraps JSON in a markdown fence (with or without "json").
const fencePattern = /`{3}[A-Za-z]*[ \t]*\r?\n([\s\S]*?)`{3}/;

type JsonReading = { success: true; value: unknown } | { success: false; message: string };

/** The text as JSON, or else the first fenced block in it as JSON. */
export function readJson(text: string): JsonReading {
  try {
    return { success: true, value: JSON.parse(text) };
  } catch (error) {
    const fenced = fencePattern.exec(text);
    if (fenced) {
      try {
        return { success: true, value: JSON.parse(fenced[1]!) };
      } catch {
        // Report the error for the whole text below: it is what the caller passed.
      }
    }
    // JSON.parse quotes the text it met; a model's answer can be megabytes.
    return { success: false, message: clip((error as Error).message, maxQuoted) };
  }
}
