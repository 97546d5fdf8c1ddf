import OpenAI from 'openai';
import { EvalError, ProviderError, type ProviderErrorCode } from './eval-error.js';
import { createLimit } from './limit.js';
import type { Provider, ProviderRequest, ProviderResponse } from './provider.js';
import { backoffDelay, defaultRetryPolicy, retryAfterMs, sleep as realSleep, type RetryPolicy } from './retry-policy.js';

export interface OpenAIProviderOptions {
  /** The endpoint, e.g. `http://127.0.0.1:11434/v1` for Ollama. Default: `OPENAI_BASE_URL`, else OpenAI. */
  baseURL?: string;
  /** Default: `OPENAI_API_KEY`. A local endpoint (a `baseURL`) may go without one. */
  apiKey?: string;
  /** Default: `PROMPTPACK_EVAL_MODEL`, else the prompt's own model. */
  model?: string;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (429, 5xx, timeouts, network failures). Default 4. */
  maxRetries?: number;
  /** US dollars per million tokens; without it responses carry no cost. */
  pricing?: { inputPerMillion: number; outputPerMillion: number };
  /** Requests in flight through this provider, across every run sharing it. Default: unlimited (the runner bounds its own). */
  concurrency?: number;
  /** Back-off waits go through this; tests pass one that records the delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
  /** Environment to read the fallbacks from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

const defaultTimeoutMs = 60_000;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, vLLM,
 * Ollama, llama.cpp, LM Studio) through the official `openai` client. The
 * client's own retries are off: this loop retries 429 (waiting what
 * Retry-After asks), 5xx, timeouts and network failures with exponential
 * back-off and jitter; other 4xx and malformed bodies fail at once.
 */
export function openaiProvider(options: OpenAIProviderOptions = {}): Provider {
  const env = options.env ?? process.env;
  const baseURL = options.baseURL ?? env.OPENAI_BASE_URL;
  const apiKey = options.apiKey ?? env.OPENAI_API_KEY ?? (baseURL ? 'unused' : undefined);
  if (!apiKey) {
    throw new EvalError(
      'eval/invalid-options',
      'openaiProvider: no API key (apiKey option or OPENAI_API_KEY) and no base URL.',
      'Set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1) for a local server that needs no key.',
    );
  }
  const model = options.model ?? env.PROMPTPACK_EVAL_MODEL;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const policy: RetryPolicy = { ...defaultRetryPolicy, maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries };
  const wait = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const limit = options.concurrency ? createLimit(options.concurrency) : undefined;
  // The client's timeout is a backstop only: ours aborts first, so both paths report the same way.
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: timeoutMs + 5_000 });
  const endpoint = baseURL ?? 'https://api.openai.com/v1';

  const attempt = async (request: ProviderRequest, signal: AbortSignal | undefined, attempts: number): Promise<ProviderResponse> => {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const started = performance.now();
    try {
      const completion = await client.chat.completions.create(toBody(request), { signal: combined });
      return toResponse(completion, request, Math.round(performance.now() - started), options.pricing, endpoint, attempts);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (ProviderError.isInstance(error)) throw error;
      if (timeout.signal.aborted) {
        throw new ProviderError('provider/timeout', `No answer from ${endpoint} within ${timeoutMs} ms.`, 'Raise timeoutMs (--timeout) for a slow model, or lower the concurrency if the server is saturated.', { attempts, cause: error });
      }
      throw toProviderError(error, endpoint, attempts);
    } finally {
      clearTimeout(timer);
    }
  };

  const complete = async (request: ProviderRequest, signal: AbortSignal | undefined): Promise<ProviderResponse> => {
    for (let retry = 0; ; retry += 1) {
      try {
        return await attempt(request, signal, retry + 1);
      } catch (error) {
        if (!ProviderError.isInstance(error)) throw error;
        const delay = retryDelay(error, retry);
        if (typeof delay !== 'number') throw giveUp(error, delay);
        await wait(delay, signal);
      }
    }
  };

  // How long to wait before the next attempt, or why not to.
  const retryDelay = (error: ProviderError, retry: number): number | 'not-retryable' | 'retries-spent' | 'retry-after-too-long' => {
    const retryable = error.code === 'provider/timeout' || error.code === 'provider/network' || (error.status !== undefined && (error.status === 429 || error.status >= 500) && error.code === 'provider/http');
    if (!retryable) return 'not-retryable';
    if (retry >= policy.maxRetries) return 'retries-spent';
    if (error.retryAfterMs !== undefined && error.status === 429) {
      return error.retryAfterMs > policy.maxRetryAfterMs ? 'retry-after-too-long' : error.retryAfterMs;
    }
    return backoffDelay(policy, retry, random());
  };

  const giveUp = (error: ProviderError, why: 'not-retryable' | 'retries-spent' | 'retry-after-too-long'): ProviderError => {
    if (why === 'not-retryable') return error;
    const detail =
      why === 'retries-spent'
        ? `Gave up after ${error.attempts} attempts.`
        : `The server asked to retry after ${Math.round((error.retryAfterMs ?? 0) / 1000)} s, longer than the ${policy.maxRetryAfterMs / 1000} s this run waits.`;
    return new ProviderError(error.code as ProviderErrorCode, `${error.summary} ${detail}`, error.hint, { status: error.status, attempts: error.attempts, retryAfterMs: error.retryAfterMs, cause: error.cause });
  };

  const toProviderError = (error: unknown, url: string, attempts: number): ProviderError => {
    const asked = error instanceof OpenAI.APIError && error.headers ? retryAfterMs(error.headers, now()) : undefined;
    return convertError(error, url, attempts, asked);
  };

  return {
    name: 'openai',
    ...(model !== undefined ? { model } : {}),
    complete: (request, callOptions) => {
      const signal = callOptions?.signal;
      return limit ? limit(() => complete(request, signal), signal) : complete(request, signal);
    },
  };
}

function toBody(request: ProviderRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model: request.model, messages: request.messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.jsonSchema) {
    const schema = request.jsonSchema.schema as Record<string, unknown>;
    body.response_format = { type: 'json_schema', json_schema: { name: request.jsonSchema.name, schema, strict: isStrictCompatible(schema) } };
  }
  return body;
}

/**
 * OpenAI's strict mode requires every property of every object to be
 * required. A schema with optional properties is sent non-strict rather than
 * rewritten (a nullable stand-in would change what the prompt's parser accepts).
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (schema === null || typeof schema !== 'object') return true;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' && node.properties && typeof node.properties === 'object') {
    const required = Array.isArray(node.required) ? node.required : [];
    if (Object.keys(node.properties).some((key) => !required.includes(key))) return false;
    if (node.additionalProperties !== false) return false;
  }
  return Object.values(node).every(isStrictCompatible);
}

function toResponse(
  completion: unknown,
  request: ProviderRequest,
  latencyMs: number,
  pricing: OpenAIProviderOptions['pricing'],
  endpoint: string,
  attempts: number,
): ProviderResponse {
  const body = completion as Partial<OpenAI.Chat.ChatCompletion> | string | null | undefined;
  const message = typeof body === 'object' && body !== null && Array.isArray(body.choices) ? body.choices[0]?.message : undefined;
  if (!message) {
    const found = typeof body === 'string' ? `text: ${JSON.stringify(body.slice(0, 120))}` : `JSON without choices[0].message`;
    throw new ProviderError(
      'provider/malformed-response',
      `${endpoint} answered 200 but not with a chat completion (${found}).`,
      'Check that the base URL points at an OpenAI-compatible /v1 endpoint (it usually ends in /v1).',
      { status: 200, attempts },
    );
  }
  const usage = (body as OpenAI.Chat.ChatCompletion).usage;
  const promptTokens = usage?.prompt_tokens ?? 0;
  const completionTokens = usage?.completion_tokens ?? 0;
  const response: ProviderResponse = {
    // A structured-output refusal comes back in `refusal` with no content; it is still the model's answer.
    text: message.content ?? message.refusal ?? '',
    usage: { promptTokens, completionTokens },
    latencyMs,
    model: (body as OpenAI.Chat.ChatCompletion).model || request.model,
  };
  const finishReason = (body as OpenAI.Chat.ChatCompletion).choices[0]?.finish_reason;
  if (typeof finishReason === 'string') response.finishReason = finishReason;
  if (pricing) response.costUsd = (promptTokens * pricing.inputPerMillion + completionTokens * pricing.outputPerMillion) / 1_000_000;
  return response;
}

function convertError(error: unknown, endpoint: string, attempts: number, retryAfter: number | undefined): ProviderError {
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
    const hint =
      status === 401 || status === 403
        ? 'Check the API key in OPENAI_API_KEY (the openai provider reads it from the environment; there is no key option, so it never lands in shell history).'
        : status === 404
          ? 'Check the model name and that the base URL ends in /v1.'
          : status === 429
            ? 'The server is rate limiting: lower --concurrency, or wait and run again.'
            : status >= 500
              ? 'The server failed repeatedly; check its logs or try again later.'
              : 'The server rejected the request; its message above says why.';
    return new ProviderError('provider/http', `${endpoint} answered HTTP ${status}: ${error.message}`, hint, { status, attempts, retryAfterMs: retryAfter, cause: error });
  }
  const detail = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
  return new ProviderError('provider/network', `Could not reach ${endpoint} (${detail}).`, 'Check that the server is running and the base URL is right.', { attempts, cause: error });
}
