import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';
import { parseJsonText } from '../json/parse-json-text.js';

/**
 * A format's safeParse over the text of its file: text that is not JSON
 * comes back as the same `SpecificationError` (with the line and column),
 * so a reader holding file text needs no JSON.parse of its own. Never throws.
 */
export function safeParseJsonWith<T>(text: string, format: string, hint: string, safeParse: (value: unknown) => SafeParseResult<T>): SafeParseResult<T> {
  const json = parseJsonText(text);
  if (json.ok) return safeParse(json.value);
  // One line: Node quotes the text around the error, newlines included.
  return { success: false, error: new SpecificationError(format, '', `it is not JSON: ${json.message.replace(/\s+/g, ' ')} (line ${json.line}, column ${json.column})`, hint) };
}
