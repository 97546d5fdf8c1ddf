// The one HTTP client of Unleash's Admin API: paths, the token header, the
// timeout, JSON bodies. `promptpack flags --unleash` (unleash-target.ts) and
// the repository's tests and demo (scripts/unleash/admin-api.ts) both use it.

export interface AdminClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:4242 (a trailing /api is tolerated). */
  url: string;
  /** An admin token (`*:*.<secret>`) or a personal access token, sent as the Authorization header. */
  token: string;
  project: string;
  environment: string;
  timeoutMs?: number;
}

/** Unleash answered with an HTTP error status. The token never appears in the message. */
export class AdminHttpError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;

  constructor(method: string, path: string, status: number, body: string, scrub: (text: string) => string) {
    super(scrub(`Unleash ${method} ${path} failed with HTTP ${status}: ${body.slice(0, 500) || '(empty body)'}`));
    this.name = 'AdminHttpError';
    this.method = method;
    this.path = path;
    this.status = status;
    this.body = scrub(body);
  }
}

export interface AdminClient {
  base: string;
  project: string;
  environment: string;
  featuresPath: string;
  featurePath(flag: string): string;
  strategiesPath(flag: string): string;
  /** `.../environments/<environment>/on` or `/off`. */
  switchPath(flag: string, enabled: boolean): string;
  /** Replaces the token with `<admin token>` wherever it appears. */
  scrub(text: string): string;
  /**
   * One request. Rejects with an `AdminHttpError` for an error status not in
   * `allow`, and with fetch's own error when the server cannot be reached.
   */
  call<T>(method: string, path: string, body?: unknown, allow?: readonly number[]): Promise<{ status: number; body: T }>;
}

export function unleashAdminClient(options: AdminClientOptions): AdminClient {
  const base = options.url.replace(/\/+$/, '').replace(/\/api$/, '');
  const project = encodeURIComponent(options.project);
  const environment = encodeURIComponent(options.environment);
  const featurePath = (flag: string) => `/api/admin/projects/${project}/features/${encodeURIComponent(flag)}`;
  const scrub = (text: string) => (options.token ? text.split(options.token).join('<admin token>') : text);
  return {
    base,
    project: options.project,
    environment: options.environment,
    featuresPath: `/api/admin/projects/${project}/features`,
    featurePath,
    strategiesPath: (flag) => `${featurePath(flag)}/environments/${environment}/strategies`,
    switchPath: (flag, enabled) => `${featurePath(flag)}/environments/${environment}/${enabled ? 'on' : 'off'}`,
    scrub,
    async call<T>(method: string, path: string, body?: unknown, allow: readonly number[] = []) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: options.token, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (!response.ok && !allow.includes(response.status)) throw new AdminHttpError(method, path, response.status, text, scrub);
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
  };
}
