import { errorMarker } from '@promptpack/spec/plain';

// Errors of `promptpack flags`: a stable code, what was wrong, and what to do.
// Marked with a registry-wide symbol of its own so the check works across two copies.
const marker = errorMarker('flags-error');

export type FlagsErrorCode =
  /** The command line is wrong (missing --reason, a percent outside 0-100, two targets). Exit 2. */
  | 'flags/usage'
  /** A guardrail refused the change; `--force --reason` overrides it. Exit 3. */
  | 'flags/refused'
  | 'flags/unknown-prompt'
  | 'flags/unknown-version'
  /** The flag system could not be read or written (Unleash down, a bad file, a held lock). */
  | 'flags/target'
  | 'flags/nothing-to-do';

export class FlagsError extends Error {
  readonly code: FlagsErrorCode;
  readonly hint: string | undefined;

  constructor(code: FlagsErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'FlagsError';
    this.code = code;
    this.hint = hint;
    marker.mark(this);
  }

  static isInstance(value: unknown): value is FlagsError {
    return marker.isMarked(value);
  }
}

/** The process exit code for an error: 2 wrong usage, 3 refused by a guardrail, 1 anything else. */
export function exitCodeOf(error: FlagsError): number {
  if (error.code === 'flags/usage') return 2;
  if (error.code === 'flags/refused') return 3;
  return 1;
}
