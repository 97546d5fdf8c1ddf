import type { AssertionFailure, CaseOutcome } from '@promptpack/spec';
import { checkAssertion, forbiddenContentTypes, type Assertion, type AssertionContext } from './check-assertion.js';

export interface ScorableCase {
  readonly assert: readonly Assertion[];
  readonly soft?: readonly Assertion[];
  readonly refusal?: boolean;
}

/**
 * One answer's outcome. Hard pass: every hard assertion holds. Soft pass: a
 * hard one failed, the case has soft ones, and all of them hold; except in a
 * refusal case whose failed hard assertion checks for forbidden content,
 * which no paraphrase excuses. Soft assertions are only checked when needed.
 */
export function scoreRun(evalCase: ScorableCase, context: AssertionContext): { outcome: Exclude<CaseOutcome, 'error'>; failures: AssertionFailure[] } {
  const hard = failuresOf(evalCase.assert, context, false);
  if (hard.length === 0) return { outcome: 'hard-pass', failures: [] };
  const leaked = evalCase.refusal === true && hard.some((failure) => forbiddenContentTypes.has(failure.assertion as Assertion['type']));
  if (leaked) {
    for (const failure of hard) {
      if (forbiddenContentTypes.has(failure.assertion as Assertion['type'])) failure.reason += ' (refusal case: not rescued by soft assertions)';
    }
  }
  const softAssertions = evalCase.soft ?? [];
  if (softAssertions.length === 0 || leaked) return { outcome: 'fail', failures: hard };
  const soft = failuresOf(softAssertions, context, true);
  return { outcome: soft.length === 0 ? 'soft-pass' : 'fail', failures: [...hard, ...soft] };
}

function failuresOf(assertions: readonly Assertion[], context: AssertionContext, soft: boolean): AssertionFailure[] {
  const failures: AssertionFailure[] = [];
  for (const assertion of assertions) {
    let check;
    try {
      check = checkAssertion(assertion, context);
    } catch (error) {
      check = { pass: false, reason: `the assertion itself failed: ${(error as Error).message}` };
    }
    if (check.pass) continue;
    const failure: AssertionFailure = { assertion: assertion.type, soft, reason: check.reason };
    if (assertion.description) failure.description = assertion.description;
    failures.push(failure);
  }
  return failures;
}

const rank = { fail: 1, 'soft-pass': 2, 'hard-pass': 3 } as const;

/**
 * The case outcome from its runs: the best outcome that more than half of
 * the runs reach or beat (hard pass beats soft pass beats fail), so
 * [hard, soft, fail] is a soft pass and a tie goes down. Errored runs are
 * unknowns: when they could change that outcome, the case is an `error`.
 */
export function majorityOutcome(outcomes: readonly CaseOutcome[]): CaseOutcome {
  if (outcomes.length === 0) return 'error';
  const known = outcomes.filter((outcome): outcome is Exclude<CaseOutcome, 'error'> => outcome !== 'error');
  const errors = outcomes.length - known.length;
  const worst = majorityOf([...known, ...Array<'fail'>(errors).fill('fail')]);
  if (errors === 0) return worst;
  const best = majorityOf([...known, ...Array<'hard-pass'>(errors).fill('hard-pass')]);
  return worst === best ? worst : 'error';
}

function majorityOf(outcomes: ReadonlyArray<Exclude<CaseOutcome, 'error'>>): Exclude<CaseOutcome, 'error'> {
  const needed = Math.floor(outcomes.length / 2) + 1;
  for (const level of ['hard-pass', 'soft-pass'] as const) {
    if (outcomes.filter((outcome) => rank[outcome] >= rank[level]).length >= needed) return level;
  }
  return 'fail';
}
