import type { ModelGrade } from '@promptpack/spec';
import type { Assertion, AssertionCheck } from './assertion-check.js';
import { EvalError } from './eval-error.js';
import { gradeRubric } from './grade-rubric.js';
import { gradeSimilar } from './grade-similar.js';
import { modelGradedTypes, type ModelGraders } from './model-graders.js';

export interface GradedAnswer {
  /** What `checkAssertion` returns for each model-graded assertion object. */
  checks: Map<Assertion, AssertionCheck>;
  /** The same, for the report: the judge's reason and score, the similarity. */
  grades: ModelGrade[];
}

/**
 * Grades every model-graded assertion of a case on one answer, before the
 * (synchronous) scoring reads the verdicts. Soft ones are graded too, even
 * when the hard ones pass, so a replay needs the same recordings whatever
 * the answer was. A judge or embedding that fails rejects with an
 * `EvalError` naming the case and the assertion: the run is an error.
 */
export async function gradeModelAssertions(
  evalCase: { readonly id: string; readonly assert: readonly Assertion[]; readonly soft?: readonly Assertion[] },
  answer: { text: string; question?: string },
  graders: ModelGraders,
  signal: AbortSignal | undefined,
): Promise<GradedAnswer> {
  const checks = new Map<Assertion, AssertionCheck>();
  const grades: ModelGrade[] = [];
  const placed = [...evalCase.assert.map((assertion, index) => ({ assertion, soft: false, index })), ...(evalCase.soft ?? []).map((assertion, index) => ({ assertion, soft: true, index }))];
  for (const { assertion, soft, index } of placed) {
    if (!modelGradedTypes.has(assertion.type)) continue;
    const where = `Case "${evalCase.id}", ${soft ? 'soft' : 'assert'}[${index}] (${assertion.type})`;
    const grade = await gradeOne(assertion, answer, graders, where, signal);
    grade.soft = soft;
    checks.set(assertion, { pass: grade.pass, reason: grade.reason });
    grades.push(grade);
  }
  return { checks, grades };
}

async function gradeOne(assertion: Assertion, answer: { text: string; question?: string }, graders: ModelGraders, where: string, signal: AbortSignal | undefined): Promise<ModelGrade> {
  try {
    if (assertion.type === 'llm-rubric') {
      if (!graders.judge) throw new EvalError('judge/unavailable', `${where}: no judge was set up for this run.`, 'Pass judge options to runEvals (the CLI does this itself).');
      return await gradeRubric(assertion, { answer: answer.text, ...(answer.question !== undefined ? { question: answer.question } : {}) }, graders.judge, where, signal);
    }
    if (assertion.type === 'similar' || assertion.type === 'not-similar') {
      if (!graders.embeddings) throw new EvalError('similar/no-embeddings', `${where}: no embedding provider was set up for this run.`, 'Pass judge options to runEvals (the CLI does this itself).');
      return await gradeSimilar(assertion, answer.text, graders.embeddings, where, signal);
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw locate(error, where);
  }
  throw new EvalError('eval/invalid-manifest', `${where}: ${assertion.type} is not model-graded.`, 'This is a bug in @promptpack/eval; please report it.');
}

/** A provider or replay error names the request, not the case: the case and the assertion go in front, the code and hint stay. */
function locate(error: unknown, where: string): unknown {
  if (!EvalError.isInstance(error) || error.summary.startsWith(where)) return error;
  const replayHint = error.code === 'replay/miss' ? ` Record the ${where.includes('llm-rubric') ? "judge's verdict" : 'embeddings'} with promptpack eval --record (the judge and embeddings are recorded with the answers).` : '';
  return new EvalError(error.code, `${where}: ${error.summary}`, `${error.hint}${replayHint}`, { cause: error });
}
