/**
 * Where the runtime asks which version a request gets. Sources evaluate
 * synchronously on the request path (Unleash and the flags file evaluate
 * in memory); fetching and file watching happen in the background.
 */
export interface FlagContext {
  userId?: string;
  sessionId?: string;
  tenantId?: string;
  remoteAddress?: string;
  /** Overrides the source's appName for this request (Unleash allows it per request). */
  appName?: string;
  /** Overrides the source's environment for this request. */
  environment?: string;
  /** The time DATE_AFTER / DATE_BEFORE constraints compare with; now when absent. */
  currentTime?: Date | string;
  /** Extra context fields for constraints (e.g. region, plan). */
  properties?: Record<string, string>;
}

/** What a flag said for one request, before versions are matched. */
export type FlagDecision =
  /** Enabled, with a variant; `version` is the payload's version when it has one. */
  | { status: 'variant'; variant: string; version: string | undefined }
  /** Enabled, but no variant applies (no variants defined, or a 0% rollout for this user). */
  | { status: 'no-variant' }
  | { status: 'disabled' }
  | { status: 'missing' }
  /** The source has no data yet (server not reached, file not read). */
  | { status: 'not-ready' }
  | { status: 'error'; message: string };

export interface FlagSourceEvent {
  type: 'ready' | 'changed' | 'error' | 'warning';
  source: string;
  message: string;
  error?: unknown;
}

export interface FlagSource {
  /** A short name for events and logs: 'unleash', 'file', 'openfeature', 'static'. */
  readonly name: string;
  evaluate(flag: string, context: FlagContext): FlagDecision;
  /**
   * For sources whose API is asynchronous (OpenFeature): used by
   * runtime.renderAsync(). Sources without it are evaluated synchronously.
   */
  evaluateAsync?(flag: string, context: FlagContext): Promise<FlagDecision>;
  /** Subscribes to source events (ready, changed, error); returns an unsubscribe function. */
  subscribe(listener: (event: FlagSourceEvent) => void): () => void;
  /** Stops timers, watchers and connections. */
  close(): Promise<void>;
}
