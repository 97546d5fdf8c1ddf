import type { ModelGrade } from '@promptpack/spec';
import type { Assertion } from './assertion-check.js';
import { cosineSimilarity } from './cosine-similarity.js';
import type { EmbeddingRequest } from './embedding.js';
import { EvalError } from './eval-error.js';
import { defaultSimilarThreshold, type ModelGraders } from './model-graders.js';
import { list } from './reason-text.js';

type SimilarAssertion = Extract<Assertion, { type: 'similar' | 'not-similar' }>;
type Embeddings = NonNullable<ModelGraders['embeddings']>;

/**
 * promptfoo's `similar`: the answer passes when its cosine similarity to a
 * gold answer is at least `threshold` (default 0.75); with several gold
 * answers, when any one is. `not-similar` passes when none is above it.
 * The answer and the gold answers are embedded in one request.
 */
export async function gradeSimilar(assertion: SimilarAssertion, answer: string, embeddings: Embeddings, where: string, signal: AbortSignal | undefined): Promise<ModelGrade> {
  const golds = typeof assertion.value === 'string' ? [assertion.value] : assertion.value;
  const request: EmbeddingRequest = { model: embeddings.model, input: [answer, ...golds] };
  const embed = embeddings.provider.embed?.bind(embeddings.provider);
  if (!embed) throw new EvalError('similar/no-embeddings', `${where}: the provider ${embeddings.provider.name} serves no embeddings.`, 'Use the openai provider (any OpenAI-compatible endpoint with /embeddings) or replay recorded embeddings.');
  const response = await embed(request, signal ? { signal } : undefined);
  if (!Array.isArray(response.vectors) || response.vectors.length !== request.input.length) {
    throw new EvalError('similar/invalid-embedding', `${where}: expected ${request.input.length} embedding vectors (the answer and ${golds.length} gold), found ${Array.isArray(response.vectors) ? response.vectors.length : 'none'}.`, 'Record the embeddings again (promptpack eval --record).');
  }
  const [answerVector, ...goldVectors] = response.vectors as number[][];
  const similarities = goldVectors.map((vector) => cosineSimilarity(answerVector as number[], vector, where));
  const closest = Math.max(...similarities);
  const threshold = assertion.threshold ?? defaultSimilarThreshold;
  // promptfoo's tolerance, so a similarity equal to the threshold up to rounding passes either way.
  const pass = assertion.type === 'similar' ? closest >= threshold - Number.EPSILON : closest <= threshold + Number.EPSILON;
  const nearest = golds[similarities.indexOf(closest)] as string;
  const to = golds.length > 1 ? `the closest of ${list(golds)}, ${list([nearest])}` : list([nearest]);
  const grade: ModelGrade = {
    assertion: assertion.type,
    soft: false,
    pass,
    reason: `similarity ${closest.toFixed(3)} to ${to}, ${closest >= threshold - Number.EPSILON ? 'at least' : 'below'} ${threshold}`,
    similarity: closest,
    grader: embeddings.model,
  };
  if (assertion.description) grade.description = assertion.description;
  return grade;
}
