// A small client of Prometheus's HTTP API: instant queries
// (`GET /api/v1/query`). A user:password in the URL is sent as basic auth
// and a bearer token as a header; neither ever appears in a message. Every
// failure is a PrometheusError naming the URL (credentials removed) and the
// query; a body is never quoted whole (a login page may echo secrets).
import { networkCause } from './inventory.js';
import { PrometheusError } from './prometheus-error.js';
import { secretScrubber } from '@promptpack/spec';

export interface PrometheusClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:9090 (a path prefix such as /prometheus is kept). */
  url: string;
  /** Sent as `Authorization: Bearer <token>` (managed Prometheus services); never printed. */
  bearerToken?: string;
  timeoutMs?: number;
}

/** One series of an instant vector: its labels and its value at the evaluation time. */
export interface PrometheusSample {
  labels: Record<string, string>;
  /** Unix seconds of the evaluation. */
  time: number;
  value: number;
}

export interface PrometheusClient {
  /** The base URL without credentials, for messages. */
  readonly displayUrl: string;
  /** An instant query; `time` defaults to the server's now. A scalar comes back as one sample without labels. */
  query(promql: string, time?: Date): Promise<PrometheusSample[]>;
}

interface ApiBody {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

export function prometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const { base, displayUrl, authorization, secrets } = splitCredentials(options.url.replace(/\/+$/, ''), options.bearerToken);
  const scrub = secretScrubber(secrets);
  const timeoutMs = options.timeoutMs ?? 10_000;

  return {
    displayUrl,
    async query(promql, time) {
      const parameters = new URLSearchParams({ query: promql, ...(time ? { time: (time.getTime() / 1000).toFixed(3) } : {}) });
      const where = `${displayUrl}/api/v1/query`;
      const fail = (problem: PrometheusError['problem'], what: string) => new PrometheusError(problem, displayUrl, promql, scrub(`Prometheus at ${where} ${what} (query: ${promql}).`));
      let response: Response;
      let text: string;
      try {
        response = await fetch(`${base}/api/v1/query?${parameters}`, {
          headers: { Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const cause = networkCause(error);
        throw fail('unreachable', cause === 'timed out' ? `did not answer within ${timeoutMs} ms` : `cannot be reached (${cause})`);
      }
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
      let body: ApiBody | undefined;
      try {
        body = JSON.parse(text) as ApiBody;
      } catch {
        body = undefined;
      }
      // Prometheus answers a bad query with 400 and its own JSON error: that is the message worth showing.
      if (body?.status === 'error') throw fail('query', `rejected the query: ${String(body.errorType ?? 'error')}: ${String(body.error ?? 'no message').slice(0, 300)}`);
      if (!response.ok) throw fail('bad-response', `answered HTTP ${response.status}${body ? '' : ` with ${contentType || 'a body of no declared type'}`}; check the URL points at Prometheus itself`);
      if (!body || body.status !== 'success' || !body.data) throw fail('bad-response', `answered HTTP ${response.status} with ${contentType || 'an untyped body'} that is not the Prometheus API's JSON; check the URL points at Prometheus itself, not a proxy or login page`);
      return samplesOf(body.data, () => fail('bad-response', `answered a result this client does not understand (resultType ${JSON.stringify(body.data?.resultType)})`));
    },
  };
}

function samplesOf(data: NonNullable<ApiBody['data']>, fail: () => PrometheusError): PrometheusSample[] {
  const pair = (value: unknown): { time: number; value: number } => {
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'number' || typeof value[1] !== 'string') throw fail();
    // Prometheus writes values as strings: "NaN", "+Inf" and "-Inf" included, which Number() reads.
    return { time: value[0], value: value[1] === '+Inf' ? Infinity : value[1] === '-Inf' ? -Infinity : Number(value[1]) };
  };
  if (data.resultType === 'scalar') return [{ labels: {}, ...pair(data.result) }];
  if (data.resultType !== 'vector' || !Array.isArray(data.result)) throw fail();
  return data.result.map((entry: { metric?: Record<string, string>; value?: unknown }) => ({ labels: entry?.metric ?? {}, ...pair(entry?.value) }));
}

/** fetch refuses URLs with credentials: they become a header, and the URL shown has none. */
function splitCredentials(url: string, bearerToken: string | undefined) {
  const secrets = [{ value: bearerToken, label: '<bearer token>' }];
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  // `localhost:9090` parses as a URL of scheme "localhost:": only http(s) reaches Prometheus.
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    const shown = url.replace(/\/\/[^/]*@/, '//<credentials>@');
    throw new PrometheusError('unreachable', shown, '', `--prometheus is not an http(s) URL: "${shown}". Example: --prometheus http://127.0.0.1:9090`);
  }
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const base = parsed.href.replace(/\/+$/, '');
  secrets.push({ value: password || undefined, label: '<password>' });
  const basic = user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  secrets.push({ value: basic?.slice('Basic '.length), label: '<credentials>' });
  return { base, displayUrl: base, authorization: bearerToken ? `Bearer ${bearerToken}` : basic, secrets };
}
