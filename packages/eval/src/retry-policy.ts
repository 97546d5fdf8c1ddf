/**
 * A Retry-After beyond this is not waited for: the error is reported instead.
 * The openai client would wait whatever a server asks (an hour, from a
 * misconfigured proxy), with a sleep no abort can cut short.
 */
export const maxRetryAfterMs = 60_000;

/** Statuses the openai client retries (unless the server says `x-should-retry: false`). */
export function isRetriedStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds a server asked to wait: `retry-after-ms` (OpenAI, Azure), else
 * `Retry-After` as seconds or an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Math.ceil(Number(milliseconds));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * The response as the client should see it: when the server asks for a wait
 * longer than `maxRetryAfterMs`, marked `x-should-retry: false`, which the
 * openai client obeys, so the run reports it instead of sleeping.
 */
export function refuseLongRetryAfter(response: Response, now: number): Response {
  if (!isRetriedStatus(response.status)) return response;
  const asked = retryAfterMs(response.headers, now);
  if (asked === undefined || asked <= maxRetryAfterMs) return response;
  const headers = new Headers(response.headers);
  headers.set('x-should-retry', 'false');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
