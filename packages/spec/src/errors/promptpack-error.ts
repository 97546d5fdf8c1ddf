import { formatDiagnostic, type Diagnostic } from '../diagnostic.js';
import { errorMarker } from './error-marker.js';

const marker = errorMarker('promptpack-error');

export type PromptpackErrorCode = 'prompt/invalid' | 'prompt/not-found' | 'build/failed' | 'cli/usage' | 'git/ref-not-found' | 'git/failed' | 'policy/invalid-lock' | 'review/invalid-file';

/** Thrown by the `x()` half of paired `x()` / `safeX()` APIs of the tooling; carries every diagnostic. */
export class PromptpackError extends Error {
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
    marker.mark(this);
  }

  static isInstance(value: unknown): value is PromptpackError {
    return marker.isMarked(value);
  }
}
