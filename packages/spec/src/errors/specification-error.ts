import { errorMarker } from './error-marker.js';

const marker = errorMarker('specification-error');

/**
 * A value that is not the artifact format it should be: a manifest.json, an
 * eval record, a flags file, a change record. `format` names the format,
 * `path` the first wrong place inside the value (`rates.blocking.pass`).
 */
export class SpecificationError extends Error {
  readonly code = 'spec/invalid';
  readonly format: string;
  readonly path: string;
  /** The message without the hint line. */
  readonly summary: string;
  readonly hint: string;

  constructor(format: string, path: string, problem: string, hint: string) {
    const summary = `Not a valid ${format}: ${path === '' ? '' : `${path}: `}${problem}.`;
    super(`${summary}\nhint: ${hint}`);
    this.name = 'SpecificationError';
    this.format = format;
    this.path = path;
    this.summary = summary;
    this.hint = hint;
    marker.mark(this);
  }

  static isInstance(value: unknown): value is SpecificationError {
    return marker.isMarked(value);
  }
}

/** What every `safeParseX` returns: never throws, whatever the input. */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: SpecificationError };
