import type { EvalResult, GateCheck, GateResult, GateThresholds, ReviewsFile } from '@promptpack/spec';
import { applyHumanReviews } from './human-verdicts.js';

// Rates are ratios of small integers; compare with a little slack so 18/20 meets 0.9.
const slack = 1e-9;

/**
 * The release gate, on the blocking tier: hard-pass rate and pass rate at
 * least the thresholds, no run ended in error (in any tier: an unmeasured
 * case is not a passed one), and, with a baseline, a hard-pass rate at most
 * `maxDropPoints` below it. A run with no blocking case fails. A case that
 * asks for a person is graded by `reviews` (reviews.json); one still waiting
 * counts as failed unless `thresholds.human.pendingCountsAs` is `pass`.
 */
export function gate(measured: EvalResult, options: { thresholds: GateThresholds; baseline?: EvalResult; reviews?: ReviewsFile }): GateResult {
  const { thresholds, baseline } = options;
  const pendingCountsAs = thresholds.human?.pendingCountsAs ?? 'fail';
  const { result, pending } = applyHumanReviews(measured, options.reviews, pendingCountsAs);
  const blocking = result.rates.blocking;
  const checks: GateCheck[] = [];
  const count = (rate: number) => `${Math.round(rate * blocking.count)} of ${blocking.count}`;

  if (blocking.count === 0) {
    checks.push({ rule: 'blocking-cases', passed: false, detail: 'No blocking case ran; the gate is decided on the blocking tier (run it without --tier, or with --tier blocking).' });
  } else {
    checks.push({
      rule: 'hard-pass-rate',
      passed: blocking.hardPass + slack >= thresholds.hardPassRate,
      detail: `Blocking hard-pass rate ${percent(blocking.hardPass)} (${count(blocking.hardPass)} cases) ${blocking.hardPass + slack >= thresholds.hardPassRate ? 'meets' : 'is below'} the ${percent(thresholds.hardPassRate)} threshold.`,
    });
    checks.push({
      rule: 'pass-rate',
      passed: blocking.pass + slack >= thresholds.passRate,
      detail: `Blocking pass rate, hard or soft, ${percent(blocking.pass)} (${count(blocking.pass)} cases) ${blocking.pass + slack >= thresholds.passRate ? 'meets' : 'is below'} the ${percent(thresholds.passRate)} threshold.`,
    });
  }
  checks.push(errorCheck(result));
  if (result.cases.some((evalCase) => evalCase.review)) checks.push(humanCheck(pending, pendingCountsAs));

  let comparison: GateResult['baseline'];
  if (baseline) {
    if (baseline.prompt.id !== result.prompt.id) {
      checks.push({ rule: 'baseline-prompt', passed: false, detail: `The baseline is a result of prompt "${baseline.prompt.id}", not "${result.prompt.id}".` });
    } else {
      const delta = round((blocking.hardPass - baseline.rates.blocking.hardPass) * 100);
      comparison = { version: baseline.prompt.version, hardPass: baseline.rates.blocking.hardPass, delta };
      const passed = delta + slack >= -thresholds.maxDropPoints;
      const change = delta < 0 ? `fell ${Math.abs(delta).toFixed(1)} points` : `rose ${delta.toFixed(1)} points`;
      checks.push({
        rule: 'baseline-drop',
        passed,
        detail: `Blocking hard-pass rate ${delta === 0 ? 'is unchanged' : change} against ${baseline.prompt.version} (${percent(baseline.rates.blocking.hardPass)} to ${percent(blocking.hardPass)}); ${passed ? 'within' : 'more than'} the ${thresholds.maxDropPoints} points allowed.`,
      });
    }
  }

  const reasons = checks.filter((check) => !check.passed).map((check) => check.detail);
  return { passed: reasons.length === 0, reasons, checks, thresholds: { ...thresholds }, ...(comparison ? { baseline: comparison } : {}) };
}

function errorCheck(result: EvalResult): GateCheck {
  const errored = result.cases.filter((evalCase) => evalCase.runs.some((run) => run.outcome === 'error'));
  if (errored.length === 0) return { rule: 'errors', passed: true, detail: 'No run ended in error.' };
  const runs = errored.reduce((sum, evalCase) => sum + evalCase.runs.filter((run) => run.outcome === 'error').length, 0);
  const named = errored.slice(0, 5).map((evalCase) => {
    const codes = [...new Set(evalCase.runs.flatMap((run) => (run.outcome === 'error' ? [run.errorCode ?? 'error'] : [])))];
    return `"${evalCase.id}" (${codes.join(', ')})`;
  });
  const more = errored.length > 5 ? ` and ${errored.length - 5} more` : '';
  return {
    rule: 'errors',
    passed: false,
    detail: `${runs} run${runs === 1 ? '' : 's'} in ${errored.length} case${errored.length === 1 ? '' : 's'} ended in error, so the result is incomplete (fail closed): ${named.join(', ')}${more}.`,
  };
}

/**
 * Names the cases still waiting for a person. A pending blocking case fails
 * the gate unless the manifest lets it count as its machine outcome: a
 * release is not decided on answers nobody read. Pending cases of other
 * tiers are only named, like their rates.
 */
function humanCheck(pending: readonly EvalResult['cases'][number][], countsAs: 'pass' | 'fail'): GateCheck {
  if (pending.length === 0) return { rule: 'human-review', passed: true, detail: 'Every case that asks for a person has a verdict in reviews.json.' };
  const blocking = pending.filter((evalCase) => evalCase.tier === 'blocking').length;
  const named = pending.slice(0, 5).map((evalCase) => `"${evalCase.id}"`).join(', ') + (pending.length > 5 ? ` and ${pending.length - 5} more` : '');
  const waits = `${pending.length} case${pending.length === 1 ? '' : 's'} (${blocking} blocking) still wait${pending.length === 1 ? 's' : ''} for a human review: ${named}`;
  if (countsAs === 'pass') return { rule: 'human-review', passed: true, detail: `${waits}; they keep their machine outcome (thresholds.human.pendingCountsAs: pass).` };
  return {
    rule: 'human-review',
    passed: blocking === 0,
    detail: `${waits}; they count as failed (thresholds.human.pendingCountsAs: fail). Grade them with promptpack review --results <eval result> --reviewer <name>, or set pendingCountsAs: pass.`,
  };
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function round(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}
