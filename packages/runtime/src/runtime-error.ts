import { errorMarker } from '@promptpack/spec/plain';

// Its own registry-wide mark: a PromptpackError or a generated package's error is not a PromptRuntimeError.
const marker = errorMarker('runtime-error');

export type PromptRuntimeErrorCode = 'runtime/invalid-config' | 'runtime/unknown-prompt' | 'runtime/history-unsupported';

/** Thrown at construction for a configuration that cannot work, for an unknown prompt id, and for history a served version cannot read. */
export class PromptRuntimeError extends Error {
  readonly code: PromptRuntimeErrorCode;
  readonly hint: string;

  constructor(code: PromptRuntimeErrorCode, message: string, hint: string) {
    super(`${message}\nhint: ${hint}`);
    this.name = 'PromptRuntimeError';
    this.code = code;
    this.hint = hint;
    marker.mark(this);
  }

  static isInstance(value: unknown): value is PromptRuntimeError {
    return marker.isMarked(value);
  }
}
