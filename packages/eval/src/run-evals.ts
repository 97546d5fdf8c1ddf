import { assertionTypes, type Assertion } from './check-assertion.js';
import { EvalError } from './eval-error.js';
import { evalResultVersion, tiers as allTiers, type CaseResult, type EvalResult, type ManifestIdentity, type RunResult, type Tier } from '@promptpack/spec';
import { tierRates, totals } from './tier-rates.js';
import type { ChatMessage, Provider, ProviderRequest } from './provider.js';
import { majorityOutcome, scoreRun } from './score-run.js';
import { humanRubrics, machineAssertions } from './human-request.js';
import { requestHash } from './request-hash.js';
import { forEachConcurrently } from './worker-pool.js';
import type { ToolDefinition } from './tool-call.js';
import type { PromptModelDefaults } from './model-defaults.js';
import { gradeModelAssertions, type GradedAnswer } from './grade-model-assertions.js';
import { modelGradedTypes, type ModelGraders } from './model-graders.js';
import { setUpGraders, type JudgeOptions, type JudgeSettingsData } from './set-up-graders.js';

export type { PromptModelDefaults };

/** An assertion as a built package's evals.json carries it; `runEvals` checks the type is one it scores. */
export interface AssertionData {
  readonly type: string;
  readonly [key: string]: unknown;
}

export interface EvaluableCase {
  readonly id: string;
  readonly description?: string;
  readonly tier: Tier;
  readonly tags?: readonly string[];
  readonly refusal?: boolean;
  readonly variables: unknown;
  /** Prior conversation turns (evals.yaml `history:`), rendered as render(variables, { history }). */
  readonly history?: readonly { readonly role: 'user' | 'assistant'; readonly content: string }[];
  readonly assert: readonly AssertionData[];
  readonly soft?: readonly AssertionData[];
  /** Asks for a person (`promptpack review`). */
  readonly review?: boolean;
  readonly human?: { readonly rubric: string };
}

/** What `runEvals` needs of a prompt: a built prompt package's module satisfies it as is. */
export interface EvaluablePrompt {
  /** @promptpack/spec's manifest identity; the model as the generated (readonly) module types it. */
  readonly manifest: Readonly<ManifestIdentity> & { readonly model: PromptModelDefaults };
  readonly evals: {
    readonly repeats: number;
    readonly thresholds?: { readonly hardPassRate: number; readonly passRate: number; readonly maxDropPoints: number };
    readonly judge?: JudgeSettingsData;
    readonly cases: readonly EvaluableCase[];
  };
  /** Typed `never` so any package's `render(variables: Variables)` fits; the runner passes each case's own variables. */
  render(variables: never): { readonly messages: readonly ChatMessage[]; readonly model: PromptModelDefaults };
  safeParseOutput(text: string): { success: boolean; data?: unknown; error?: unknown };
  readonly outputJsonSchema: object | null;
  /** tools.yaml as the package exports it; sent with every request, what `is-valid-openai-tools-call` checks against. Absent in packages built before tools. */
  readonly tools?: readonly ToolDefinition[];
}

export interface RunEvalsOptions {
  prompt: EvaluablePrompt;
  provider: Provider;
  /** Default: the provider's model, else the prompt's. */
  model?: string;
  /** Runs per case. Default: the manifest's `repeats` (3 unless it says otherwise). */
  repeats?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Default: every tier. */
  tiers?: Tier[];
  /** Only these cases; an unknown id is an error. */
  caseIds?: string[];
  /** Aborting stops new requests, cancels those in flight, and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Who grades llm-rubric and embeds for similar; each part defaults (docs/evals.md). */
  judge?: JudgeOptions;
  /** Called once with done 0, then after every run. */
  onProgress?: (progress: { done: number; total: number; errors: number }) => void;
}

const defaultConcurrency = 4;

/**
 * Runs every selected case `repeats` times against the provider and scores
 * the answers. At most `concurrency` requests are in flight; runs are pulled
 * from a generator, so a run of thousands of cases holds no more pending
 * work than that. A provider failure becomes an `error` run (the result
 * says which case and why), never a rejection; the promise rejects only for
 * bad options, an unreadable manifest, or an abort.
 */
export async function runEvals(options: RunEvalsOptions): Promise<EvalResult> {
  const { prompt, provider, signal } = options;
  const startedAt = new Date();
  const started = performance.now();
  const repeats = positiveInteger('repeats', options.repeats ?? prompt.evals.repeats ?? 3);
  const concurrency = positiveInteger('concurrency', options.concurrency ?? defaultConcurrency);
  const cases = selectCases(prompt, options);
  checkAssertionTypes(prompt, cases);
  const model = options.model ?? provider.model ?? prompt.manifest.model.name;
  const graders = await setUpGraders(cases, prompt.evals.judge, provider, options.judge);

  const results: CaseResult[] = cases.map((evalCase) => {
    const rubrics = humanRubrics(evalCase);
    return {
      id: evalCase.id,
      ...(evalCase.description !== undefined ? { description: evalCase.description } : {}),
      tier: evalCase.tier,
      tags: [...(evalCase.tags ?? [])],
      refusal: evalCase.refusal === true,
      outcome: 'error',
      runs: [],
      ...(rubrics ? { review: { rubrics } } : {}),
    };
  });
  const total = cases.length * repeats;
  let done = 0;
  let errors = 0;
  options.onProgress?.({ done, total, errors });

  function* work(): Generator<{ index: number; repeat: number }> {
    for (let index = 0; index < cases.length; index += 1) {
      for (let repeat = 0; repeat < repeats; repeat += 1) yield { index, repeat };
    }
  }

  await forEachConcurrently(
    work(),
    concurrency,
    async ({ index, repeat }) => {
      const evalCase = cases[index] as EvaluableCase;
      const run = await runOnce(prompt, evalCase, model, provider, graders, signal);
      (results[index] as CaseResult).runs[repeat] = run;
      done += 1;
      if (run.outcome === 'error') errors += 1;
      options.onProgress?.({ done, total, errors });
    },
    signal,
  );

  for (const result of results) result.outcome = majorityOutcome(result.runs.map((run) => run.outcome));
  return {
    specificationVersion: evalResultVersion,
    prompt: { id: prompt.manifest.id, name: prompt.manifest.name, version: prompt.manifest.version, contentHash: prompt.manifest.contentHash },
    provider: provider.name,
    model,
    repeats,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    cases: results,
    rates: tierRates(results),
    totals: totals(results),
  };
}

async function runOnce(prompt: EvaluablePrompt, evalCase: EvaluableCase, model: string, provider: Provider, graders: ModelGraders, signal: AbortSignal | undefined): Promise<RunResult> {
  let request: ProviderRequest;
  try {
    request = buildRequest(prompt, evalCase, model);
  } catch (error) {
    return errorRun(`Case "${evalCase.id}": render() rejected the case's ${evalCase.history ? 'variables or history' : 'variables'}: ${(error as Error).message}`, error);
  }
  let response;
  try {
    response = await provider.complete(request, signal ? { signal } : undefined);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return errorRun(`Case "${evalCase.id}": ${error instanceof Error ? error.message : String(error)}`, error);
  }
  // `human` assertions are the reviewer's; a case with only those hard-passes here and is graded on the review page.
  const scored = { assert: machineAssertions(evalCase.assert), ...(evalCase.soft ? { soft: machineAssertions(evalCase.soft) } : {}), refusal: evalCase.refusal } as {
    assert: readonly Assertion[];
    soft?: readonly Assertion[];
    refusal?: boolean;
  };
  let graded: GradedAnswer | undefined;
  if ([...scored.assert, ...(scored.soft ?? [])].some((assertion) => modelGradedTypes.has(assertion.type))) {
    try {
      graded = await gradeModelAssertions({ id: evalCase.id, ...scored }, { text: response.text, ...questionOf(request) }, graders, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // The answer stays in the run: the report shows what the judge could not grade.
      return { ...errorRun((error as Error).message, error), output: response.text, requestHash: requestHash(request) };
    }
  }
  const parsed = prompt.safeParseOutput(response.text);
  const context = {
    text: response.text,
    parsed: parsed.success ? parsed.data : undefined,
    latencyMs: response.latencyMs,
    outputSchema: prompt.outputJsonSchema,
    ...(response.costUsd !== undefined ? { costUsd: response.costUsd } : {}),
    ...(response.finishReason !== undefined ? { finishReason: response.finishReason } : {}),
    ...(response.toolCalls ? { toolCalls: response.toolCalls } : {}),
    ...(prompt.tools ? { tools: prompt.tools } : {}),
    ...(graded ? { graded: graded.checks } : {}),
  };
  const { outcome, failures } = scoreRun(scored, context);
  const run: RunResult = {
    outcome,
    output: response.text,
    ...(response.toolCalls && response.toolCalls.length > 0 ? { toolCalls: response.toolCalls } : {}),
    failures,
    latencyMs: response.latencyMs,
    tokens: { prompt: response.usage.promptTokens, completion: response.usage.completionTokens },
    requestHash: requestHash(request),
  };
  if (response.costUsd !== undefined) run.costUsd = response.costUsd;
  if (graded && graded.grades.length > 0) run.grades = graded.grades;
  return run;
}

/** What the answer responds to, for the judge: the request's last user message. */
function questionOf(request: ProviderRequest): { question?: string } {
  const question = request.messages.filter((message) => message.role === 'user').at(-1)?.content;
  return question !== undefined ? { question } : {};
}

// A package whose prompt.yaml declares `history:` takes it as render()'s second argument; one that does not refuses it.
type RenderWithOptions = (variables: unknown, options: { history: EvaluableCase['history'] }) => { readonly messages: readonly ChatMessage[]; readonly model: PromptModelDefaults };

/** The request a case sends: the rendered messages, the prompt's model parameters, its tools, its output schema as structured output. */
export function buildRequest(prompt: EvaluablePrompt, evalCase: EvaluableCase, model: string): ProviderRequest {
  // Only a case with history passes a second argument: the render of every other case is what it always was.
  const rendered = evalCase.history ? (prompt.render as unknown as RenderWithOptions)(evalCase.variables, { history: evalCase.history }) : prompt.render(evalCase.variables as never);
  const defaults = rendered.model;
  const request: ProviderRequest = { model, messages: rendered.messages.map(({ role, content }) => ({ role, content })) };
  if (defaults.temperature !== undefined) request.temperature = defaults.temperature;
  if (defaults.maxTokens !== undefined) request.maxTokens = defaults.maxTokens;
  if (defaults.topP !== undefined) request.topP = defaults.topP;
  if (defaults.seed !== undefined) request.seed = defaults.seed;
  if (defaults.stop !== undefined) request.stop = [...defaults.stop];
  if (prompt.tools && prompt.tools.length > 0) request.tools = prompt.tools.map(({ name, description, parameters, strict }) => ({ name, description, parameters, ...(strict !== undefined ? { strict } : {}) }));
  if (prompt.outputJsonSchema) request.jsonSchema = { name: prompt.manifest.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64), schema: prompt.outputJsonSchema };
  return request;
}

function errorRun(message: string, error: unknown): RunResult {
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : undefined;
  return { outcome: 'error', output: '', failures: [], latencyMs: 0, tokens: { prompt: 0, completion: 0 }, error: message, ...(code ? { errorCode: code } : {}) };
}

function selectCases(prompt: EvaluablePrompt, options: RunEvalsOptions): EvaluableCase[] {
  const wanted = options.tiers ?? allTiers;
  for (const tier of wanted) {
    if (!allTiers.includes(tier)) throw new EvalError('eval/invalid-options', `Unknown tier "${tier}".`, `A tier is one of ${allTiers.join(', ')}.`);
  }
  let cases = prompt.evals.cases.filter((evalCase) => wanted.includes(evalCase.tier));
  if (options.caseIds) {
    const known = new Set(prompt.evals.cases.map((evalCase) => evalCase.id));
    const unknown = options.caseIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new EvalError(
        'eval/unknown-case',
        `${prompt.manifest.name}@${prompt.manifest.version} has no case ${unknown.map((id) => `"${id}"`).join(', ')}.`,
        `Its cases are: ${[...known].join(', ')}.`,
      );
    }
    const ids = new Set(options.caseIds);
    cases = cases.filter((evalCase) => ids.has(evalCase.id));
  }
  return cases;
}

function checkAssertionTypes(prompt: EvaluablePrompt, cases: readonly EvaluableCase[]): void {
  const known = new Set<string>(assertionTypes);
  const unknown = cases.flatMap((evalCase) =>
    machineAssertions([...evalCase.assert, ...(evalCase.soft ?? [])]).filter((assertion) => !known.has(assertion.type)).map((assertion) => `"${assertion.type}" in case "${evalCase.id}"`),
  );
  if (unknown.length > 0) {
    throw new EvalError(
      'eval/invalid-manifest',
      `${prompt.manifest.name}@${prompt.manifest.version} uses assertion types this @promptpack/eval does not score: ${unknown.join(', ')}.`,
      `Upgrade @promptpack/eval; this version scores ${assertionTypes.join(', ')}.`,
    );
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new EvalError('eval/invalid-options', `${name} must be a positive integer, found ${value}.`, `For example ${name}: ${name === 'repeats' ? 3 : 4}.`);
  }
  return value;
}
