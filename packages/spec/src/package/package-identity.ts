import type { Diagnostic } from '../diagnostic.js';
import { parseJsonText } from '../json/parse-json-text.js';

/** The two fields of a package.json that tags, releases and installed copies are found by; each undefined when absent or not a string. */
export interface PackageIdentity {
  name: string | undefined;
  version: string | undefined;
}

/**
 * The name and version in a package.json's text, or a located diagnostic
 * when it is not JSON or not an object (`shown` names the file). The one
 * parser of package.json outside the full check (`loadPrompt`), which
 * validates both fields; own keys only, so `{"__proto__": {"name": …}}`
 * names nothing.
 */
export function parsePackageIdentity(text: string, shown: string): { identity: PackageIdentity; diagnostic?: undefined } | { identity?: undefined; diagnostic: Diagnostic } {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return { diagnostic: { code: 'package/invalid-json', severity: 'error', file: shown, line: parsed.line, column: parsed.column, message: `package.json is not valid JSON: ${parsed.message}.`, hint: 'Look for a trailing comma, a missing comma or an unquoted key near this spot.' } };
  }
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { diagnostic: { code: 'package/invalid-json', severity: 'error', file: shown, line: 1, column: 1, message: 'package.json must be a JSON object.', hint: 'Start from the one `promptpack new` writes.' } };
  }
  const fields = value as Record<string, unknown>;
  const own = (key: string) => (Object.hasOwn(fields, key) && typeof fields[key] === 'string' ? (fields[key] as string) : undefined);
  return { identity: { name: own('name'), version: own('version') } };
}
