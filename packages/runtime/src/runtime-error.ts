const marker = Symbol.for('promptpack.error');

export type PromptRuntimeErrorCode = 'runtime/invalid-config' | 'runtime/unknown-prompt';

/** Thrown at construction for a configuration that cannot work, and for an unknown prompt id. */
export class PromptRuntimeError extends Error {
  readonly [marker] = true;
  readonly code: PromptRuntimeErrorCode;
  readonly hint: string;

  constructor(code: PromptRuntimeErrorCode, message: string, hint: string) {
    super(`${message}\nhint: ${hint}`);
    this.name = 'PromptRuntimeError';
    this.code = code;
    this.hint = hint;
  }

  static isInstance(value: unknown): value is PromptRuntimeError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true && (value as { name?: unknown }).name === 'PromptRuntimeError';
  }
}
