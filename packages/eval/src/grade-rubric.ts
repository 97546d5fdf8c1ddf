import type { ModelGrade } from '@promptpack/spec';
import type { Assertion } from './assertion-check.js';
import { EvalError } from './eval-error.js';
import type { JudgeVariables, JudgeVerdict } from './judge-prompt.js';
import type { ModelGraders } from './model-graders.js';
import type { ProviderRequest } from './provider.js';

type RubricAssertion = Extract<Assertion, { type: 'llm-rubric' }>;
type Judge = NonNullable<ModelGraders['judge']>;

/** How much of a judge answer that does not parse is kept in the error, for the report. */
const rawAnswerLimit = 2_000;

/**
 * Asks the judge and reads its verdict with promptfoo's meaning: a pass is
 * the judge's `pass`, and also its `score` at least `threshold` when the
 * assertion gives one. A verdict that does not fit `{ reason, pass, score }`
 * is an `EvalError` carrying the raw answer (the run errors, it never passes).
 */
export async function gradeRubric(assertion: RubricAssertion, variables: Omit<JudgeVariables, 'rubric'>, judge: Judge, where: string, signal: AbortSignal | undefined): Promise<ModelGrade> {
  const request = judgeRequest(judge, { ...variables, rubric: assertion.value }, where);
  const response = await judge.provider.complete(request, signal ? { signal } : undefined);
  const verdict = readVerdict(judge, response.text, where);
  const pass = verdict.pass && (assertion.threshold === undefined || verdict.score >= assertion.threshold);
  const scored = `score ${verdict.score}${assertion.threshold !== undefined ? `, threshold ${assertion.threshold}` : ''}`;
  const grade: ModelGrade = {
    assertion: assertion.type,
    soft: false,
    pass,
    reason: `judge says ${verdict.pass ? 'pass' : 'fail'} (${scored}): ${verdict.reason}`,
    score: verdict.score,
    grader: `${judge.prompt.manifest.name}@${judge.prompt.manifest.version} ${request.model}`,
  };
  if (assertion.description) grade.description = assertion.description;
  return grade;
}

/** The judge's request: its package renders the messages; the model and structured output are pinned like a case's. */
export function judgeRequest(judge: Judge, variables: JudgeVariables, where: string): ProviderRequest {
  let rendered;
  try {
    rendered = judge.prompt.render(variables);
  } catch (error) {
    const cause = (error as Error).message.split('\n')[0];
    throw new EvalError('judge/invalid-request', `${where}: the judge prompt ${judge.prompt.manifest.name}@${judge.prompt.manifest.version} rejected the rubric or the answer (${cause}).`, 'Shorten the rubric (it is sent to the judge with every answer), or check the answer size.', { cause: error });
  }
  const defaults = rendered.model;
  const request: ProviderRequest = { model: judge.model, messages: rendered.messages.map(({ role, content }) => ({ role, content })) };
  if (defaults.temperature !== undefined) request.temperature = defaults.temperature;
  if (defaults.maxTokens !== undefined) request.maxTokens = defaults.maxTokens;
  if (defaults.seed !== undefined) request.seed = defaults.seed;
  if (judge.prompt.outputJsonSchema) request.jsonSchema = { name: 'llm_judge_verdict', schema: judge.prompt.outputJsonSchema };
  return request;
}

function readVerdict(judge: Judge, text: string, where: string): JudgeVerdict {
  const parsed = judge.prompt.safeParseOutput(text);
  if (parsed.success) return parsed.data as JudgeVerdict;
  const raw = text.length > rawAnswerLimit ? `${text.slice(0, rawAnswerLimit)}... (${text.length} characters)` : text;
  throw new EvalError(
    'judge/invalid-answer',
    `${where}: the judge's answer is not a verdict { reason: string, pass: boolean, score: 0 to 1 } (${issuesOf(parsed.error)}). Raw answer: ${JSON.stringify(raw)}`,
    'The judge model ignored its structured output; pin a judge model that supports it (judge.model in evals.yaml, or --judge-model), then record again.',
  );
}

function issuesOf(error: unknown): string {
  const issues = (error as { issues?: Array<{ path?: PropertyKey[]; message?: string }> } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return (error as Error | undefined)?.message?.split('\n')[0] ?? 'unreadable';
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path && issue.path.length > 0 ? issue.path.map(String).join('.') : 'answer'}: ${issue.message ?? 'invalid'}`)
    .join('; ');
}
