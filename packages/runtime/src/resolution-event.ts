import type { ResolutionReason } from './resolve-version.js';

/** Emitted for every render: which version a request got and why. */
export interface ResolutionEvent {
  id: string;
  flag: string;
  version: string;
  variant: string | undefined;
  reason: ResolutionReason;
  contentHash: string;
  /** True when the stable version was served because of a problem (not a deliberate flag state). */
  fallback: boolean;
}

/** A problem worth a log line, emitted once per distinct cause rather than per request. */
export interface RuntimeWarning {
  id?: string;
  flag?: string;
  source: string;
  code: 'unknown-version' | 'flag-missing' | 'source-not-ready' | 'source-error' | 'listener-error' | 'invalid-outcome';
  message: string;
}
