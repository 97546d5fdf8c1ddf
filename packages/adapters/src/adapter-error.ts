// The mark @promptpack/spec's errorMarker('adapter-error') sets, without depending on spec at run time.
const marker = Symbol.for('promptpack.adapter-error');

export type AdapterErrorCode =
  | 'adapters/invalid-render-result'
  | 'adapters/no-output-schema'
  | 'adapters/output-version-mismatch'
  | 'adapters/missing-model'
  | 'adapters/missing-max-tokens';

/**
 * A render result or option an adapter cannot turn into a valid request.
 * Thrown before any network call, so a bad request never reaches the SDK.
 */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly code: AdapterErrorCode;
  /** What to do about it. */
  readonly hint: string;

  constructor(code: AdapterErrorCode, message: string, hint: string) {
    super(`${message}\nhint: ${hint}`);
    this.code = code;
    this.hint = hint;
    Object.defineProperty(this, marker, { value: true, enumerable: false });
  }

  /** Works across two copies of this package, unlike instanceof. */
  static isInstance(value: unknown): value is AdapterError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
