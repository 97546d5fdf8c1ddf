import { errorMarker } from '@promptpack/spec/plain';

// Registry-wide marks, one per class, so the checks work across two copies of
// this package (a CLI and a prompt repository may each bring one).
const evalErrorMarker = errorMarker('eval-error');
const providerErrorMarker = errorMarker('provider-error');
const replayMissErrorMarker = errorMarker('replay-miss-error');

export type EvalErrorCode =
  | 'eval/invalid-options'
  | 'eval/unknown-case'
  | 'eval/invalid-manifest'
  | 'provider/http'
  | 'provider/network'
  | 'provider/timeout'
  | 'provider/malformed-response'
  | 'replay/miss'
  | 'replay/invalid-file'
  | 'judge/unavailable'
  | 'judge/invalid-request'
  | 'judge/invalid-answer'
  | 'similar/no-embeddings'
  | 'similar/invalid-embedding';

/** Every error this package throws: a stable `code`, a message saying what was expected and found, and a hint. */
export class EvalError extends Error {
  readonly code: EvalErrorCode;
  /** The message without the hint line. */
  readonly summary: string;
  readonly hint: string;

  constructor(code: EvalErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(`${message}\nhint: ${hint}`, options);
    this.name = 'EvalError';
    this.code = code;
    this.summary = message;
    this.hint = hint;
    evalErrorMarker.mark(this);
  }

  static isInstance(value: unknown): value is EvalError {
    return evalErrorMarker.isMarked(value);
  }
}

export type ProviderErrorCode = Extract<EvalErrorCode, `provider/${string}`>;

/** A provider gave up: an HTTP error that is not retried or outlived its retries, a timeout, a network failure, a body that is not a chat completion. */
export class ProviderError extends EvalError {
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Requests sent, retries included. */
  readonly attempts: number;
  /** What the server's Retry-After asked for, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ProviderErrorCode,
    message: string,
    hint: string,
    details: { status?: number | undefined; attempts: number; retryAfterMs?: number | undefined; cause?: unknown },
  ) {
    super(code, message, hint, { cause: details.cause });
    this.name = 'ProviderError';
    this.status = details.status;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
    providerErrorMarker.mark(this);
  }

  static override isInstance(value: unknown): value is ProviderError {
    return providerErrorMarker.isMarked(value);
  }
}

/** The replay file has no recording for this exact request. The runner names the case it belongs to. */
export class ReplayMissError extends EvalError {
  /** `sha256:<hex>` of the request's canonical JSON, the key recordings are stored under. */
  readonly requestHash: string;
  readonly file: string;

  constructor(requestHash: string, file: string, model: string, kind: 'answer' | 'embedding' = 'answer') {
    super(
      'replay/miss',
      `No recording for ${kind === 'answer' ? 'request' : 'embedding request'} ${requestHash} (model "${model}") in ${file}.`,
      'Record it with a live provider (promptpack eval --record). A changed prompt, model, parameter or output schema is a new request; when the recording was made with another model, pass that model.',
    );
    this.name = 'ReplayMissError';
    this.requestHash = requestHash;
    this.file = file;
    replayMissErrorMarker.mark(this);
  }

  static override isInstance(value: unknown): value is ReplayMissError {
    return replayMissErrorMarker.isMarked(value);
  }
}
