// One error class for everything @promptpack/release refuses: a stable code,
// what was wrong and where, and what to do. Its own Symbol.for marker, so
// `isInstance` accepts it across two copies of the package and never accepts
// another package's error.
const marker = Symbol.for('promptpack.release-error');

export type ReleaseErrorCode =
  | 'registry/invalid-name'
  | 'registry/not-configured'
  | 'registry/unauthorized'
  | 'registry/unreachable'
  | 'registry/no-integrity'
  | 'registry/integrity'
  | 'registry/too-large'
  | 'registry/invalid-tarball'
  | 'release/usage'
  | 'release/dirty'
  | 'release/step-failed'
  | 'release/changesets-missing'
  | 'release/no-workspace';

export class ReleaseError extends Error {
  readonly [marker] = true;
  readonly code: ReleaseErrorCode;
  /** The message without its hint, for callers that print the hint their own way. */
  readonly summary: string;
  readonly hint: string | undefined;

  constructor(code: ReleaseErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(options.hint ? `${message}\nhint: ${options.hint}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ReleaseError';
    this.code = code;
    this.summary = message;
    this.hint = options.hint;
  }

  static isInstance(value: unknown): value is ReleaseError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
