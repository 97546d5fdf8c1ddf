import { EvalError } from './eval-error.js';
import type { ChatMessage } from './provider.js';
import type { PromptModelDefaults } from './model-defaults.js';

/** What the judge is asked: the case's rubric, the answer under test, and the request it answered. */
export interface JudgeVariables {
  rubric: string;
  answer: string;
  question?: string;
}

/** The judge's structured verdict, as its output schema declares it. */
export interface JudgeVerdict {
  reason: string;
  pass: boolean;
  score: number;
}

/**
 * What the eval runner needs of a judge prompt: the built llm-judge package
 * satisfies it as is, and so does any other version of it an adopter
 * installs and passes in (`judge.prompt`).
 */
export interface JudgePrompt {
  readonly manifest: { readonly id: string; readonly name: string; readonly version: string; readonly contentHash: string; readonly model: PromptModelDefaults };
  render(variables: JudgeVariables): { readonly messages: readonly ChatMessage[]; readonly model: PromptModelDefaults };
  safeParseOutput(text: string): { success: boolean; data?: unknown; error?: unknown };
  readonly outputJsonSchema: object | null;
}

/** The package name of this repository's judge prompt (prompts/llm-judge), a dependency of @promptpack/eval. */
export const judgePackageName = '@promptpack/prompt-llm-judge';

/**
 * Loads the installed judge package. The specifier is a variable so neither
 * the type-check nor the bundler follows it: @promptpack/eval builds before
 * any prompt does, and the judge is built by `promptpack build` afterwards.
 */
export async function loadJudgePrompt(specifier: string = judgePackageName): Promise<JudgePrompt> {
  let module: Partial<JudgePrompt> & { default?: Partial<JudgePrompt> };
  try {
    module = (await import(specifier)) as typeof module;
  } catch (error) {
    throw new EvalError(
      'judge/unavailable',
      `Could not load the judge prompt ${specifier} (${(error as Error).message.split('\n')[0]}).`,
      `It is a dependency of @promptpack/eval: reinstall it; in the promptpack repository itself build it first (promptpack build prompts/llm-judge).`,
      { cause: error },
    );
  }
  const judge = typeof module.render === 'function' ? module : module.default;
  if (!judge || typeof judge.render !== 'function' || typeof judge.safeParseOutput !== 'function' || !judge.manifest) {
    throw new EvalError('judge/unavailable', `${specifier} is not a built prompt package: it exports no render(), safeParseOutput() and manifest.`, `Install a version of ${judgePackageName}, or pass a built prompt package as judge.prompt.`);
  }
  return judge as JudgePrompt;
}
