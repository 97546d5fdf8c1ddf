import type { ModelToolCall, ToolDefinition } from './tool-call.js';
import type { EmbeddingRequest, EmbeddingResponse } from './embedding.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One chat completion, provider-neutral. Its canonical JSON is what a replay recording is keyed by. */
export interface ProviderRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  seed?: number;
  stop?: string[];
  /** Structured output: the model is asked to answer with JSON matching `schema`. */
  jsonSchema?: { name: string; schema: object };
  /** The tools the model may call (tools.yaml), in their order. */
  tools?: ToolDefinition[];
}

export interface ProviderResponse {
  text: string;
  usage: { promptTokens: number; completionTokens: number };
  /** Time of the attempt that answered; retries and back-off waits are not counted. */
  latencyMs: number;
  /** Present when the provider knows its prices. */
  costUsd?: number;
  /** The model that answered, as the server names it. */
  model: string;
  /** Why the model stopped, as the server says it (`stop`; `length` when cut off at max tokens); `finish-reason` checks it. */
  finishReason?: string;
  /** The tools the model called, in its order; absent when it called none (`text` is then often empty). */
  toolCalls?: ModelToolCall[];
}

/**
 * A model behind a chat-completions call. `complete` resolves with the answer
 * or rejects with an `EvalError` (`provider/*`, `replay/miss`) once its own
 * retries are spent; the runner records that as an `error` run.
 */
export interface Provider {
  readonly name: string;
  /** The model this provider is configured for; the runner uses it when no model is given. */
  readonly model?: string;
  complete(request: ProviderRequest, options?: { signal?: AbortSignal }): Promise<ProviderResponse>;
  /** Embeddings (`similar`); a provider without it cannot score similarity, and says so per case. */
  embed?(request: EmbeddingRequest, options?: { signal?: AbortSignal }): Promise<EmbeddingResponse>;
}
