import OpenAI from 'openai';
import { EvalError, ProviderError } from './eval-error.js';
import { createLimit } from './limit.js';
import { embedWith } from './openai-embeddings.js';
import { toProviderError } from './openai-errors.js';
import { readToolCalls, toOpenAITools } from './openai-tools.js';
import type { Provider, ProviderRequest, ProviderResponse } from './provider.js';
import { refuseLongRetryAfter } from './retry-policy.js';

export interface OpenAIProviderOptions {
  /** The endpoint, e.g. `http://127.0.0.1:11434/v1` for Ollama. Default: `OPENAI_BASE_URL`, else OpenAI. */
  baseURL?: string;
  /** Default: `OPENAI_API_KEY`. A local endpoint (a `baseURL`) may go without one. */
  apiKey?: string;
  /** Default: `PROMPTPACK_EVAL_MODEL`, else the prompt's own model. */
  model?: string;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt (408, 409, 429, 5xx, timeouts, network failures). Default 4. */
  maxRetries?: number;
  /** US dollars per million tokens; without it responses carry no cost. */
  pricing?: { inputPerMillion: number; outputPerMillion: number };
  /** Requests in flight through this provider, across every run sharing it. Default: unlimited (the runner bounds its own). */
  concurrency?: number;
  /** Environment to read the fallbacks from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

const defaultTimeoutMs = 60_000;
const defaultMaxRetries = 4;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure, vLLM,
 * Ollama, llama.cpp, LM Studio) through the official `openai` client, with
 * its own retries (408, 409, 429 honouring Retry-After, 5xx, timeouts,
 * network failures; exponential back-off with jitter) and per-attempt
 * timeout. What this adds: a Retry-After longer than a minute is reported,
 * not slept; the attempts are counted into the error; an abort releases the
 * caller at once, even during a back-off wait (the client's sleep cannot be
 * cut short); and every failure says what, where and what to do.
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
  const maxRetries = options.maxRetries ?? defaultMaxRetries;
  const limit = options.concurrency ? createLimit(options.concurrency) : undefined;
  const client = new OpenAI({ baseURL, apiKey, maxRetries, timeout: timeoutMs });
  const endpoint = baseURL ?? 'https://api.openai.com/v1';

  const complete = async (request: ProviderRequest, signal: AbortSignal | undefined): Promise<ProviderResponse> => {
    // One fetch per attempt: counting them and timing the last is what the client does not report.
    const attempts = { count: 0, lastStartedAt: performance.now() };
    const fetch: typeof globalThis.fetch = async (input, init) => {
      attempts.count += 1;
      attempts.lastStartedAt = performance.now();
      return refuseLongRetryAfter(await globalThis.fetch(input, init), Date.now());
    };
    try {
      const call = client.withOptions({ fetch }).chat.completions.create(toBody(request), signal ? { signal } : undefined);
      const completion = await untilAborted(call, signal);
      return toResponse(completion, request, Math.round(performance.now() - attempts.lastStartedAt), options.pricing, endpoint, attempts.count);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (ProviderError.isInstance(error)) throw error;
      throw toProviderError(error, { endpoint, attempts: attempts.count, maxRetries, timeoutMs });
    }
  };

  return {
    name: 'openai',
    ...(model !== undefined ? { model } : {}),
    complete: (request, callOptions) => {
      const signal = callOptions?.signal;
      return limit ? limit(() => complete(request, signal), signal) : complete(request, signal);
    },
    embed: (request, callOptions) => {
      const signal = callOptions?.signal;
      const embed = () => embedWith(client, request, { endpoint, maxRetries, timeoutMs }, signal);
      return limit ? limit(embed, signal) : embed();
    },
  };
}

/** `call`, or the signal's reason as soon as it aborts; the client notices the abort itself when its back-off wait ends. */
function untilAborted<T>(call: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return call;
  call.catch(() => {}); // settled after an abort: nobody waits for it any more
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toBody(request: ProviderRequest): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model: request.model, messages: request.messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.tools && request.tools.length > 0) body.tools = toOpenAITools(request.tools);
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
  const toolCalls = readToolCalls(message);
  if (toolCalls) response.toolCalls = toolCalls;
  const finishReason = (body as OpenAI.Chat.ChatCompletion).choices[0]?.finish_reason;
  if (typeof finishReason === 'string') response.finishReason = finishReason;
  if (pricing) response.costUsd = (promptTokens * pricing.inputPerMillion + completionTokens * pricing.outputPerMillion) / 1_000_000;
  return response;
}
