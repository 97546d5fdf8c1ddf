import { formatDiagnostic, type Diagnostic } from './diagnostic.js';

// A registry-wide symbol, so the check works across two copies of this package
// (a service may load two promptpack versions side by side).
const marker = Symbol.for('promptpack.error');

export type PromptpackErrorCode = 'prompt/invalid' | 'prompt/not-found' | 'build/failed' | 'cli/usage' | 'git/ref-not-found' | 'git/failed' | 'policy/invalid-lock';

/** Thrown by the `x()` half of paired `x()` / `safeX()` APIs; carries every diagnostic. */
export class PromptpackError extends Error {
  readonly [marker] = true;
  readonly code: PromptpackErrorCode;
  readonly diagnostics: readonly Diagnostic[];
  readonly hint: string | undefined;

  constructor(code: PromptpackErrorCode, message: string, options: { diagnostics?: readonly Diagnostic[]; hint?: string } = {}) {
    const details = (options.diagnostics ?? []).map(formatDiagnostic);
    super([message, ...details, ...(options.hint ? [`hint: ${options.hint}`] : [])].join('\n'));
    this.name = 'PromptpackError';
    this.code = code;
    this.diagnostics = options.diagnostics ?? [];
    this.hint = options.hint;
  }

  static isInstance(value: unknown): value is PromptpackError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
