import type OpenAI from 'openai';
import type { EmbeddingRequest, EmbeddingResponse } from './embedding.js';
import { ProviderError } from './eval-error.js';
import { toProviderError, type FailedCall } from './openai-errors.js';

/**
 * One `/embeddings` call through the same client (retries, timeout) as the
 * chat completions. The answer is checked here, so a recording never holds
 * a vector a similarity cannot be computed from.
 */
export async function embedWith(client: OpenAI, request: EmbeddingRequest, call: Omit<FailedCall, 'attempts'>, signal: AbortSignal | undefined): Promise<EmbeddingResponse> {
  let attempts = 0;
  const fetch: typeof globalThis.fetch = (input, init) => {
    attempts += 1;
    return globalThis.fetch(input, init);
  };
  let body: unknown;
  try {
    body = await client.withOptions({ fetch }).embeddings.create({ model: request.model, input: request.input, encoding_format: 'float' }, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw toProviderError(error, { ...call, attempts });
  }
  return toEmbeddingResponse(body, request, call.endpoint, attempts);
}

function toEmbeddingResponse(body: unknown, request: EmbeddingRequest, endpoint: string, attempts: number): EmbeddingResponse {
  const malformed = (found: string) =>
    new ProviderError(
      'provider/malformed-response',
      `${endpoint}/embeddings answered 200 but not with ${request.input.length} embedding vector(s) for model "${request.model}": ${found}.`,
      'Check that the base URL points at an OpenAI-compatible /v1 endpoint that serves /embeddings, and that --embedding-model names an embedding model.',
      { status: 200, attempts },
    );
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw malformed('no data array');
  if (data.length !== request.input.length) throw malformed(`${data.length} vectors`);
  // The server may list them in any order; `index` says which input each belongs to.
  const vectors: number[][] = [];
  for (const [position, item] of data.entries()) {
    const index = typeof (item as { index?: unknown }).index === 'number' ? (item as { index: number }).index : position;
    const vector = (item as { embedding?: unknown }).embedding;
    if (!Array.isArray(vector) || vector.length === 0 || !vector.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw malformed(`data[${position}].embedding is not a non-empty list of finite numbers`);
    }
    vectors[index] = vector as number[];
  }
  if (vectors.length !== request.input.length || vectors.some((vector) => vector === undefined)) throw malformed('the indexes do not cover every input');
  const usage = (body as { usage?: { prompt_tokens?: unknown } }).usage;
  return {
    vectors,
    model: typeof (body as { model?: unknown }).model === 'string' ? (body as { model: string }).model : request.model,
    usage: { promptTokens: typeof usage?.prompt_tokens === 'number' ? usage.prompt_tokens : 0 },
  };
}
