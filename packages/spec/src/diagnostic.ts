/**
 * A problem found in a prompt folder. Diagnostics are data: validators return
 * every one they find, and callers decide whether to print, fail or throw.
 */
export type Severity = 'error' | 'warning';

/** Stable codes: tools and tests match on these, never on message text. */
export type DiagnosticCode =
  | 'file/missing'
  | 'file/unreadable'
  | 'file/symlink'
  | 'file/not-a-file'
  | 'file/too-large'
  | 'file/encoding'
  | 'yaml/syntax'
  | 'yaml/duplicate-key'
  | 'yaml/merge-key'
  | 'yaml/alias-limit'
  | 'yaml/reserved-key'
  | 'schema/unknown-key'
  | 'schema/missing-key'
  | 'schema/invalid-type'
  | 'schema/invalid-value'
  | 'schema/required-not-declared'
  | 'schema/unsafe-pattern'
  | 'package/invalid-json'
  | 'package/invalid-name'
  | 'package/name-mismatch'
  | 'package/invalid-version'
  | 'package/exports'
  | 'package/dependencies'
  | 'package/side-effects'
  | 'prompt/id-mismatch'
  | 'template/syntax'
  | 'template/unclosed-block'
  | 'template/mismatched-block'
  | 'template/unknown-variable'
  | 'template/unknown-helper'
  | 'template/not-printable'
  | 'template/unguarded-optional'
  | 'template/unused-variable'
  | 'template/unknown-partial'
  | 'policy/invalid-lock'
  | 'fewshots/not-a-pair'
  | 'evals/duplicate-id'
  | 'evals/invalid-variables'
  | 'evals/invalid-history'
  | 'evals/invalid-regex'
  | 'evals/few-blocking-cases'
  | 'evals/no-tools'
  | 'evals/unknown-tool'
  | 'evals/unknown-tool-argument'
  | 'tools/duplicate-name'
  | 'tools/strict-optional';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Path of the file, as given to the loader (relative paths stay relative). */
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  line: number;
  /** 1-based; 0 when the problem is about the file as a whole. */
  column: number;
  /** What is wrong, in one sentence. */
  message: string;
  /** What was expected, when that is not obvious from the message. */
  expected?: string;
  /** What to do about it. */
  hint?: string;
  /** Data path inside the file (`variables.properties.customer`), or a variable path (`customer.name`). */
  path?: string;
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some(isError);
}

/** `file:line:col: error code: message` followed by indented expected/hint lines. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where =
    diagnostic.line > 0 ? `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}` : diagnostic.file;
  const lines = [`${where}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`];
  if (diagnostic.expected) lines.push(`  expected: ${diagnostic.expected}`);
  if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  return lines.join('\n');
}

/** Sorts by file, then position, so output is stable and reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}
