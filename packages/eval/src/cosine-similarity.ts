import { EvalError } from './eval-error.js';

/**
 * Cosine similarity, as promptfoo computes it (a zero vector is 0 similar to
 * anything). Vectors of different lengths, or with a value that is not a
 * finite number, come from a wrong model or a broken recording: an error,
 * never a similarity.
 */
export function cosineSimilarity(a: readonly number[], b: readonly number[], where: string): number {
  if (a.length !== b.length || a.length === 0) {
    throw new EvalError('similar/invalid-embedding', `${where}: the embedding vectors have ${a.length} and ${b.length} dimensions, so they cannot be compared.`, 'Both must come from one embedding model; record them again (promptpack eval --record).');
  }
  let dot = 0;
  let squaresA = 0;
  let squaresB = 0;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index] as number;
    const y = b[index] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new EvalError('similar/invalid-embedding', `${where}: an embedding holds ${String(Number.isFinite(x) ? y : x)} at position ${index}, not a finite number.`, 'The endpoint or the recording is broken; record the embeddings again (promptpack eval --record).');
    }
    dot += x * y;
    squaresA += x * x;
    squaresB += y * y;
  }
  if (squaresA === 0 || squaresB === 0) return 0;
  return dot / (Math.sqrt(squaresA) * Math.sqrt(squaresB));
}
