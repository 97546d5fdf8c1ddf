import type { JudgePrompt } from './judge-prompt.js';
import type { Provider } from './provider.js';

/** Who grades the model-graded assertions of a run; each part is present when some selected case needs it. */
export interface ModelGraders {
  judge?: { prompt: JudgePrompt; provider: Provider; model: string };
  embeddings?: { provider: Provider; model: string };
}

export type ModelGradedType = 'llm-rubric' | 'similar' | 'not-similar';

export const modelGradedTypes: ReadonlySet<string> = new Set<ModelGradedType>(['llm-rubric', 'similar', 'not-similar']);

/** promptfoo's default embedding model (text-embedding-3-large), so a threshold carried over means the same. */
export const defaultEmbeddingModel = 'text-embedding-3-large';

/** promptfoo's default `similar` threshold. */
export const defaultSimilarThreshold = 0.75;
