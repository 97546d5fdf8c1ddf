import type { Diagnostic } from '../diagnostic.js';
import { locateJsonKey } from '../json/offset-to-position.js';
import { parseJsonText } from '../json/parse-json-text.js';
import { zodParser } from '../parse/zod-parser.js';
import { policyLockSpecificationVersion, type PolicyLock } from './policy-lock.js';
import { policyLockSchema } from './policy-lock-schema.js';

const expected = `{ "specificationVersion": "${policyLockSpecificationVersion}", "sha256": "sha256:…", "approvedBy": "…", "approvedAt": "2026-11-21T09:30:00Z" }`;

const parser = zodParser<PolicyLock>('policy lock', policyLockSpecificationVersion, policyLockSchema, 'policy.lock is written by `promptpack policy approve <id> --by <name>` (for legal); never edit it by hand.');

/** Checks a parsed policy.lock value; never throws. */
export const safeParsePolicyLock = parser.safeParse;
/** `safeParsePolicyLock` that throws the `SpecificationError`. */
export const parsePolicyLock = parser.parse;

/** Parses the text of a policy.lock; problems come back as diagnostics at file:line:col. Never throws. */
export function parsePolicyLockText(file: string, text: string): { lock: PolicyLock | undefined; diagnostics: Diagnostic[] } {
  const json = parseJsonText(text);
  if (!json.ok) return { lock: undefined, diagnostics: [invalid(file, json, `policy.lock is not valid JSON: ${json.message}.`)] };
  const source = text.replace(/^\uFEFF/, '');
  const data = json.value;
  const parsed = policyLockSchema.safeParse(data);
  if (parsed.success) return { lock: parsed.data, diagnostics: [] };
  const diagnostics = parsed.error.issues.map((issue) => {
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    const where = key === undefined ? { line: 1, column: 1 } : locateJsonKey(source, key);
    const what = issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((name) => `"${name}"`).join(', ')}`
      : key === undefined
        ? issue.message
        : `"${key}": ${data !== null && typeof data === 'object' && Object.hasOwn(data, key) ? issue.message : 'missing'}`;
    return { ...invalid(file, where, `policy.lock is malformed: ${what}.`), ...(key === undefined ? {} : { path: key }) };
  });
  return { lock: undefined, diagnostics };
}

function invalid(file: string, where: { line: number; column: number }, message: string): Diagnostic {
  return { code: 'policy/invalid-lock', severity: 'error', file, line: where.line, column: where.column, message, expected, hint: policyLockHint(file) };
}

/** How a policy.lock comes to be, for the prompt whose folder holds `file`. */
export function policyLockHint(file: string): string {
  // The prompt id is the folder name; split by hand, as this package has no node:path.
  const id = file.split(/[\\/]/).slice(0, -1).filter((part) => part !== '' && part !== '.').at(-1) ?? '<id>';
  return `policy.lock is written by \`promptpack policy approve ${id} --by <name>\` (for legal); never edit it by hand.`;
}
