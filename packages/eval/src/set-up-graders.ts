import type { Assertion } from './assertion-check.js';
import { EvalError } from './eval-error.js';
import { loadJudgePrompt, type JudgePrompt } from './judge-prompt.js';
import { defaultEmbeddingModel, type ModelGraders } from './model-graders.js';
import type { Provider } from './provider.js';

/** Who grades `llm-rubric` and embeds for `similar` in a run; every part has a default. */
export interface JudgeOptions {
  /** Default: the provider the answers come from (a replay provider replays the verdicts too). */
  provider?: Provider;
  /** The judge's chat model. Default: the manifest's `judge.model`, else the judge package's own. */
  model?: string;
  /** Default: the manifest's `judge.embeddingModel`, else text-embedding-3-large (promptfoo's). */
  embeddingModel?: string;
  /** Another judge prompt (a built prompt package). Default: the installed @promptpack/prompt-llm-judge. */
  prompt?: JudgePrompt;
}

/** The manifest's `judge:` block, as evals.json carries it. */
export interface JudgeSettingsData {
  readonly model?: string;
  readonly baseUrl?: string;
  readonly embeddingModel?: string;
}

/**
 * Sets up only what the selected cases use, before the first request: a
 * judge that cannot load, or a provider without embeddings, fails the run
 * up front instead of erroring every case.
 */
export async function setUpGraders(
  cases: ReadonlyArray<{ readonly assert: readonly { type: string }[]; readonly soft?: readonly { type: string }[] }>,
  settings: JudgeSettingsData | undefined,
  answers: Provider,
  options: JudgeOptions = {},
): Promise<ModelGraders> {
  const types = new Set(cases.flatMap((evalCase) => [...evalCase.assert, ...(evalCase.soft ?? [])].map((assertion) => assertion.type as Assertion['type'])));
  const provider = options.provider ?? answers;
  const graders: ModelGraders = {};
  if (types.has('llm-rubric')) {
    const prompt = options.prompt ?? (await loadJudgePrompt());
    graders.judge = { prompt, provider, model: options.model ?? settings?.model ?? prompt.manifest.model.name };
  }
  if (types.has('similar') || types.has('not-similar')) {
    if (typeof provider.embed !== 'function') {
      throw new EvalError('similar/no-embeddings', `The provider ${provider.name} serves no embeddings, and the selected cases use similar / not-similar.`, 'Use the openai provider (any OpenAI-compatible endpoint with /embeddings), or replay recorded embeddings.');
    }
    graders.embeddings = { provider, model: options.embeddingModel ?? settings?.embeddingModel ?? defaultEmbeddingModel };
  }
  return graders;
}
