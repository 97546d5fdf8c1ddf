// Its own registry-wide marker, so `isInstance` holds across two copies of
// this package and never accepts another promptpack package's error.
const marker = Symbol.for('promptpack.scaffold-error');

/**
 * `usage`: the command line was wrong (exit 2). `conflict`: files are in the
 * way and nothing was written (exit 1).
 */
export type ScaffoldErrorCode = 'scaffold/usage' | 'scaffold/conflict';

export class ScaffoldError extends Error {
  readonly [marker] = true;
  readonly code: ScaffoldErrorCode;
  readonly hint: string | undefined;

  constructor(code: ScaffoldErrorCode, message: string, options: { hint?: string } = {}) {
    super(options.hint ? `${message}\nhint: ${options.hint}` : message);
    this.name = 'ScaffoldError';
    this.code = code;
    this.hint = options.hint;
  }

  static isInstance(value: unknown): value is ScaffoldError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
