// The one HTTP client of Unleash's Admin API: paths, the token header, the
// timeout, JSON bodies. `promptpack flags --unleash` (unleash-target.ts) and
// the repository's tests and demo (scripts/unleash/admin-api.ts) both use it.
// Every body is parsed defensively: a proxy or login page answering 200 with
// HTML is an error naming the URL and status, never a SyntaxError quoting the
// body. The token and a URL's user:password never appear in a message.
import { secretScrubber, splitUrlCredentials, urlSecrets } from '@promptpack/spec';

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

/** Unleash (or whatever answers at the URL) sent a body that is not JSON. The body is not quoted: a login page may echo credentials. */
export class AdminBodyError extends Error {
  readonly url: string;
  readonly status: number;

  constructor(method: string, url: string, status: number, contentType: string) {
    super(`Unleash ${method} ${url} answered HTTP ${status} with a body that is not JSON (content-type ${contentType || 'none'}).`);
    this.name = 'AdminBodyError';
    this.url = url;
    this.status = status;
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
  /** The base URL without user:password, for messages. */
  displayBase: string;
  /** Replaces the token (`<admin token>`) and a URL password (`<password>`) wherever they appear, in raw, JSON-escaped and URL-encoded forms. */
  scrub(text: string): string;
  /**
   * One request. Rejects with an `AdminHttpError` for an error status not in
   * `allow`, and with fetch's own error when the server cannot be reached.
   */
  call<T>(method: string, path: string, body?: unknown, allow?: readonly number[]): Promise<{ status: number; body: T }>;
}

export function unleashAdminClient(options: AdminClientOptions): AdminClient {
  const { base, displayBase } = splitCredentials(options.url.replace(/\/+$/, '').replace(/\/api$/, ''));
  const project = encodeURIComponent(options.project);
  const environment = encodeURIComponent(options.environment);
  const featurePath = (flag: string) => `/api/admin/projects/${project}/features/${encodeURIComponent(flag)}`;
  const scrub = secretScrubber([{ value: options.token, label: '<admin token>' }, ...urlSecrets(options.url)]);
  return {
    base,
    displayBase,
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
      if (!text) return { status: response.status, body: undefined as T };
      const contentType = response.headers.get('content-type') ?? '';
      const fail = () => new AdminBodyError(method, scrub(`${displayBase}${path}`), response.status, contentType.split(';')[0]!.trim());
      // A missing content-type is tolerated when the body parses; a declared non-JSON one (text/html) never is.
      if (contentType && !/\bjson\b/i.test(contentType)) throw fail();
      try {
        return { status: response.status, body: JSON.parse(text) as T };
      } catch {
        throw fail();
      }
    },
  };
}

/** fetch refuses URLs with credentials; the request goes to the URL without them, and messages show that. */
function splitCredentials(url: string): { base: string; displayBase: string } {
  const { display, user, password } = splitUrlCredentials(url);
  const displayBase = display.replace(/\/+$/, '');
  return { base: user || password ? displayBase : url, displayBase };
}
