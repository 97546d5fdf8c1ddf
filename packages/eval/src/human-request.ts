import type { CaseResult, RunResult } from '@promptpack/spec';

/** What a case may say to ask for a person, as evals.yaml (and a built package's evals.json) carries it. */
export interface HumanRequestingCase {
  readonly review?: boolean;
  readonly human?: { readonly rubric: string };
  readonly assert: ReadonlyArray<{ readonly type: string; readonly rubric?: unknown }>;
  readonly soft?: ReadonlyArray<{ readonly type: string; readonly rubric?: unknown }>;
}

/**
 * The rubrics a person grades the case's answer by, or undefined when the
 * case asks for no one. `review: true` alone asks with no rubric (the
 * reviewer judges by the case's description).
 */
export function humanRubrics(evalCase: HumanRequestingCase): string[] | undefined {
  const fromAssertions = [...evalCase.assert, ...(evalCase.soft ?? [])].flatMap((assertion) => (assertion.type === 'human' && typeof assertion.rubric === 'string' ? [assertion.rubric] : []));
  const rubrics = [...(evalCase.human ? [evalCase.human.rubric] : []), ...fromAssertions];
  if (rubrics.length === 0 && evalCase.review !== true) return undefined;
  return rubrics;
}

/** The assertions a machine scores: `human` ones are left to the reviewer. */
export function machineAssertions<T extends { readonly type: string }>(assertions: readonly T[]): T[] {
  return assertions.filter((assertion) => assertion.type !== 'human');
}

/**
 * The answer a reviewer grades: the first run that answered. Every run of a
 * case sends the same request, so its hash names the case's answer; on
 * recorded answers (the replay provider) that is exactly one answer.
 */
export function reviewedRun(evalCase: CaseResult): (RunResult & { requestHash: string }) | undefined {
  return evalCase.runs.find((run): run is RunResult & { requestHash: string } => run.outcome !== 'error' && typeof run.requestHash === 'string');
}
