import OpenAI from 'openai';
import { ProviderError } from './eval-error.js';
import { isRetriedStatus, maxRetryAfterMs, retryAfterMs } from './retry-policy.js';

export interface FailedCall {
  endpoint: string;
  /** Requests sent, the client's retries included. */
  attempts: number;
  maxRetries: number;
  timeoutMs: number;
}

/**
 * What the openai client threw, as a `ProviderError` that says what failed,
 * at which endpoint, and what to do. The client has retried what it retries
 * by then; the message says when that was spent.
 */
export function toProviderError(error: unknown, call: FailedCall): ProviderError {
  const { endpoint, attempts } = call;
  const spent = attempts > call.maxRetries ? ` Gave up after ${attempts} attempts.` : '';
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderError('provider/timeout', `No answer from ${endpoint} within ${call.timeoutMs} ms.${spent}`, 'Raise the timeout (--timeout ms) for a slow model, or lower --concurrency if the server is saturated.', { attempts, cause: error });
  }
  if (error instanceof SyntaxError) {
    return new ProviderError(
      'provider/malformed-response',
      `${endpoint} answered with a body that is not valid JSON (${error.message}).`,
      'A proxy or a crashed server returned a broken body; check the server logs, and that the base URL is the chat-completions endpoint.',
      { status: 200, attempts, cause: error },
    );
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const asked = error.headers ? retryAfterMs(error.headers, Date.now()) : undefined;
    const tooLong = asked !== undefined && asked > maxRetryAfterMs && isRetriedStatus(status);
    const detail = tooLong ? ` The server asked to retry after ${Math.round(asked / 1000)} s, longer than the ${maxRetryAfterMs / 1000} s this run waits.` : isRetriedStatus(status) ? spent : '';
    return new ProviderError('provider/http', `${endpoint} answered HTTP ${status}: ${error.message.replace(/[.\s]*$/, '.')}${detail}`, hintFor(status), { status, attempts, retryAfterMs: asked, cause: error });
  }
  const detail = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
  return new ProviderError('provider/network', `Could not reach ${endpoint} (${detail}).${spent}`, 'Check that the server is running and the base URL is right (--base-url or OPENAI_BASE_URL).', { attempts, cause: error });
}

function hintFor(status: number): string {
  if (status === 401 || status === 403) return 'Check the API key in OPENAI_API_KEY (the openai provider reads it from the environment; there is no key option, so it never lands in shell history).';
  if (status === 404) return 'Check the model name (--model) and that the base URL ends in /v1.';
  if (status === 429) return 'The server is rate limiting: lower --concurrency, or wait and run again.';
  if (status >= 500) return 'The server failed repeatedly; check its logs or try again later.';
  return 'The server rejected the request; its message above says why.';
}
