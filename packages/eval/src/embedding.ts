import { sha256 } from '@promptpack/core';
import { canonicalJson } from '@promptpack/spec';

/** One `/embeddings` call: a vector for each input, in order. Its canonical JSON is what a recording is keyed by. */
export interface EmbeddingRequest {
  model: string;
  input: string[];
}

export interface EmbeddingResponse {
  /** One vector per input, in the order of `input`. */
  vectors: number[][];
  /** The model that answered, as the server names it. */
  model: string;
  usage: { promptTokens: number };
}

/** `sha256:<hex>` of the embedding request's canonical JSON: only the model and the input decide a vector. */
export function embeddingRequestHash(request: EmbeddingRequest): string {
  return sha256(canonicalJson({ model: request.model, input: [...request.input] }));
}
