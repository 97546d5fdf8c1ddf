import { describe, expect, it } from 'vitest';
import type { CaseResult, EvalResult, ReviewGrade, ReviewsFile } from '@promptpack/spec';
import { applyHumanReviews, gate, humanRubrics, machineAssertions } from '../src/index.js';
import { tierRates } from '../src/tier-rates.js';
import { repeat, resultOf } from './eval-results.js';

const thresholds = { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 };
const hashOf = (id: string) => `sha256:${Buffer.from(id).toString('hex').padEnd(64, '0').slice(0, 64)}`;

/** `resultOf` where the named cases ask for a person, their runs carrying a request hash. */
function withReviews(result: EvalResult, ids: string[]): EvalResult {
  const cases = result.cases.map((evalCase): CaseResult => {
    if (!ids.includes(evalCase.id)) return evalCase;
    return { ...evalCase, review: { rubrics: ['Polite, and names the refund amount.'] }, runs: evalCase.runs.map((run) => ({ ...run, requestHash: hashOf(evalCase.id) })) };
  });
  return { ...result, cases, rates: tierRates(cases) };
}

function reviewsOf(grades: Record<string, Record<string, ReviewGrade>>): ReviewsFile {
  const verdicts: ReviewsFile['verdicts'] = {};
  for (const [caseId, byReviewer] of Object.entries(grades)) {
    verdicts[hashOf(caseId)] = Object.fromEntries(Object.entries(byReviewer).map(([reviewer, grade]) => [reviewer, { grade, caseId, at: '2026-12-01T10:00:00Z' }]));
  }
  return { specificationVersion: 'promptpack.reviews/v1', prompt: 'refund-triage', verdicts };
}

describe('humanRubrics', () => {
  it('collects the case rubric and human assertions; review: true alone asks with none; otherwise no one is asked', () => {
    expect(humanRubrics({ human: { rubric: 'Tone' }, assert: [{ type: 'human', rubric: 'Accuracy' }, { type: 'is-json' }], soft: [{ type: 'human', rubric: 'Brevity' }] })).toEqual(['Tone', 'Accuracy', 'Brevity']);
    expect(humanRubrics({ review: true, assert: [{ type: 'is-json' }] })).toEqual([]);
    expect(humanRubrics({ review: false, assert: [{ type: 'is-json' }] })).toBeUndefined();
  });

  it('leaves human assertions out of machine scoring', () => {
    expect(machineAssertions([{ type: 'human', rubric: 'Tone' }, { type: 'is-json' }])).toEqual([{ type: 'is-json' }]);
  });
});

describe('applyHumanReviews', () => {
  const base = withReviews(resultOf({ blocking: ['hard-pass', 'hard-pass', 'soft-pass', 'fail'] }), ['blocking-1', 'blocking-2', 'blocking-3', 'blocking-4']);

  it('keeps the lower of machine outcome and the lowest human grade; a person never passes what the assertions failed', () => {
    const reviews = reviewsOf({ 'blocking-1': { ana: 'hard', ben: 'soft' }, 'blocking-2': { ana: 'fail' }, 'blocking-3': { ana: 'hard' }, 'blocking-4': { ana: 'hard' } });
    const { result, pending } = applyHumanReviews(base, reviews);
    expect(result.cases.map((evalCase) => evalCase.outcome)).toEqual(['soft-pass', 'fail', 'soft-pass', 'fail']);
    expect(pending).toEqual([]);
    expect(result.rates.blocking).toMatchObject({ count: 4, hardPass: 0, pass: 0.5 });
  });

  it('counts a pending case as failed by default, as its machine outcome with pendingCountsAs pass', () => {
    expect(applyHumanReviews(base, undefined).result.cases.map((evalCase) => evalCase.outcome)).toEqual(['fail', 'fail', 'fail', 'fail']);
    const lenient = applyHumanReviews(base, undefined, 'pass');
    expect(lenient.result.cases.map((evalCase) => evalCase.outcome)).toEqual(['hard-pass', 'hard-pass', 'soft-pass', 'fail']);
    expect(lenient.pending.map((evalCase) => evalCase.id)).toEqual(['blocking-1', 'blocking-2', 'blocking-3', 'blocking-4']);
  });

  it('ignores a verdict on another answer: the request hash, not the case id, decides', () => {
    const elsewhere: ReviewsFile = { ...reviewsOf({}), verdicts: { [hashOf('another-request')]: { ana: { grade: 'hard', caseId: 'blocking-1', at: '2026-12-01T10:00:00Z' } } } };
    expect(applyHumanReviews(base, elsewhere).pending).toHaveLength(4);
  });
});

describe('gate with human reviews', () => {
  const twenty = () => withReviews(resultOf({ blocking: repeat('hard-pass', 20) }), ['blocking-20']);

  it('fails while a blocking review is pending, naming the case, even when the rates would pass', () => {
    const verdict = gate(twenty(), { thresholds });
    // 19 of 20 hard or soft is 95%: the rates meet the thresholds, the pending review does not.
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([
      '1 case (1 blocking) still waits for a human review: "blocking-20"; they count as failed (thresholds.human.pendingCountsAs: fail). Grade them with promptpack review --results <eval result> --reviewer <name>, or set pendingCountsAs: pass.',
    ]);
    const two = withReviews(resultOf({ blocking: repeat('hard-pass', 20) }), ['blocking-19', 'blocking-20']);
    expect(gate(two, { thresholds }).reasons).toContain('Blocking pass rate, hard or soft, 90.0% (18 of 20 cases) is below the 95.0% threshold.');
  });

  it('only names pending reviews outside the blocking tier', () => {
    const result = withReviews(resultOf({ blocking: repeat('hard-pass', 20), monitoring: ['hard-pass'] }), ['monitoring-1']);
    const verdict = gate(result, { thresholds });
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.find((check) => check.rule === 'human-review')).toMatchObject({ passed: true, detail: expect.stringContaining('1 case (0 blocking) still waits for a human review: "monitoring-1"') });
  });

  it('passes once people graded the answers, and with pendingCountsAs pass before', () => {
    const two = withReviews(resultOf({ blocking: repeat('hard-pass', 20) }), ['blocking-19', 'blocking-20']);
    expect(gate(two, { thresholds, reviews: reviewsOf({ 'blocking-19': { ana: 'hard' }, 'blocking-20': { ana: 'soft' } }) }).passed).toBe(true);
    expect(gate(two, { thresholds: { ...thresholds, human: { pendingCountsAs: 'pass' } } }).passed).toBe(true);
  });

  it('fails when a reviewer fails answers the assertions passed', () => {
    const two = withReviews(resultOf({ blocking: repeat('hard-pass', 20) }), ['blocking-19', 'blocking-20']);
    const verdict = gate(two, { thresholds, reviews: reviewsOf({ 'blocking-19': { ana: 'fail' }, 'blocking-20': { ana: 'hard', ben: 'fail' } }) });
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.find((check) => check.rule === 'human-review')).toMatchObject({ passed: true, detail: 'Every case that asks for a person has a verdict in reviews.json.' });
  });

  it('adds no human-review check when no case asks for a person', () => {
    expect(gate(resultOf({ blocking: ['hard-pass'] }), { thresholds }).checks.map((check) => check.rule)).not.toContain('human-review');
  });
});
