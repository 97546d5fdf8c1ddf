// One look at a canary: from the counts since it started, decide to roll it
// back, hold (no data or stale data), keep watching, or step it up. Pure:
// the guard, its tests and the offline simulation all call this one function.
import type { GuardMetric } from './guard-metrics.js';
import { type Difference, meanDifference, mixtureTest, proportionDifference, type TestResult } from './guard-statistics.js';

export interface GuardSettings {
  metrics: GuardMetric[];
  /** The false-alarm bound of the whole guard: each of the k metrics is tested at alpha / k (Bonferroni). */
  alpha: number;
  /** Requests each of canary and stable must have had before a metric is tested. */
  minSamples: number;
  /** Canary percentages to step through, ascending (`[1, 10, 50, 100]`); empty never steps. */
  steps: number[];
  /** How long the canary must stay at a step, healthy, before the next one. */
  minStepSeconds: number;
  /** Canary requests needed at a step before the next one. */
  minStepSamples: number;
  /** Data whose newest sample is older than this is stale: hold. */
  staleAfterSeconds: number;
}

/** One arm's counts: requests (or observations) and bad requests (or their sum). */
export interface Arm {
  count: number;
  value: number;
}

export interface Observations {
  metrics: Array<{ metric: GuardMetric; canary: Arm; stable: Arm }>;
  /** Seconds since the prompt's newest sample; undefined when Prometheus has none at all. */
  ageSeconds: number | undefined;
  /** The canary's percentage now, and how long and how many requests it has had at it. */
  percent: number;
  stepSeconds: number;
  stepSamples: number;
}

export interface MetricVerdict {
  metric: string;
  kind: GuardMetric['kind'];
  description: string;
  status: 'worse' | 'not-worse' | 'too-few';
  canary: Arm;
  stable: Arm;
  /** Canary minus stable, positive is worse (rates as fractions, means in their unit). */
  difference: Difference | undefined;
  margin: number;
  test: TestResult | undefined;
}

export type Decision =
  | { action: 'rollback'; verdicts: MetricVerdict[]; worst: MetricVerdict; message: string }
  | { action: 'hold'; verdicts: MetricVerdict[]; message: string }
  | { action: 'watch'; verdicts: MetricVerdict[]; message: string }
  | { action: 'step'; verdicts: MetricVerdict[]; percent: number; message: string };

export function judgeMetric(entry: Observations['metrics'][number], settings: Pick<GuardSettings, 'alpha' | 'minSamples'>): MetricVerdict {
  const { metric, canary, stable } = entry;
  const base = { metric: metric.name, kind: metric.kind, description: metric.description, canary, stable, margin: metric.margin };
  if (!(canary.count >= settings.minSamples && stable.count >= settings.minSamples)) return { ...base, status: 'too-few', difference: undefined, test: undefined };
  const difference =
    metric.kind === 'proportion'
      ? proportionDifference({ total: canary.count, bad: clamp(canary.value, canary.count) }, { total: stable.count, bad: clamp(stable.value, stable.count) })
      : meanDifference({ count: canary.count, sum: canary.value }, { count: stable.count, sum: stable.value }, metric.deviation, metric.worse);
  const test = mixtureTest(difference, { margin: metric.margin, alpha: settings.alpha, mixture: metric.mixture });
  return { ...base, status: test.worse ? 'worse' : 'not-worse', difference, test };
}

// increase() extrapolates, so a bad count can come out a hair above the total.
const clamp = (value: number, count: number) => Math.min(Math.max(0, value), count);

export function decide(observations: Observations, settings: GuardSettings): Decision {
  // A rollback on any metric is a false alarm for the canary: the bound is split so that it holds for all of them together.
  const perMetric = { alpha: settings.alpha / Math.max(1, observations.metrics.length), minSamples: settings.minSamples };
  const verdicts = observations.metrics.map((entry) => judgeMetric(entry, perMetric));
  if (observations.ageSeconds === undefined) return { action: 'hold', verdicts, message: 'held: no data: Prometheus has no samples of this prompt yet; not promoting, not rolling back' };
  if (!(observations.ageSeconds <= settings.staleAfterSeconds)) {
    return { action: 'hold', verdicts, message: `held: stale data: the newest sample is ${Math.round(observations.ageSeconds)} s old (limit ${settings.staleAfterSeconds} s); not promoting, not rolling back` };
  }
  const worse = verdicts.filter((verdict) => verdict.status === 'worse');
  if (worse.length > 0) {
    const worst = worse.reduce((a, b) => (b.test!.logLikelihoodRatio > a.test!.logLikelihoodRatio ? b : a));
    return { action: 'rollback', verdicts, worst, message: `canary worse on ${worse.map((verdict) => verdict.metric).join(', ')}: ${describeVerdict(worst)}` };
  }
  const next = settings.steps.find((step) => step > observations.percent);
  if (next === undefined) return { action: 'watch', verdicts, message: settings.steps.length === 0 ? 'healthy so far; stepping is off' : 'healthy so far; at the last step' };
  const tooFew = verdicts.filter((verdict) => verdict.status === 'too-few').map((verdict) => verdict.metric);
  const waits = [
    tooFew.length > 0 ? `too few requests to judge ${tooFew.join(', ')} (need ${settings.minSamples} on each side)` : undefined,
    observations.stepSeconds < settings.minStepSeconds ? `${Math.ceil(settings.minStepSeconds - observations.stepSeconds)} s more at ${observations.percent}%` : undefined,
    observations.stepSamples < settings.minStepSamples ? `${Math.ceil(settings.minStepSamples - observations.stepSamples)} more canary requests at ${observations.percent}%` : undefined,
  ].filter(Boolean);
  if (waits.length > 0) return { action: 'watch', verdicts, message: `healthy so far; next step ${next}% after ${waits.join(' and ')}` };
  return { action: 'step', verdicts, percent: next, message: `healthy for ${Math.round(observations.stepSeconds)} s and ${Math.round(observations.stepSamples)} requests at ${observations.percent}%: step to ${next}%` };
}

/** `parse-failure 31.0% vs 2.0% (n 412 vs 3710; log LR 41.20 >= 4.61)`: canary first. */
export function describeVerdict(verdict: MetricVerdict): string {
  const rate = (arm: Arm) => (arm.count > 0 ? arm.value / arm.count : NaN);
  const show = (value: number) => (Number.isNaN(value) ? '-' : verdict.kind === 'proportion' ? `${(value * 100).toFixed(1)}%` : value.toPrecision(3));
  const head = `${verdict.metric} ${show(rate(verdict.canary))} vs ${show(rate(verdict.stable))} (n ${Math.round(verdict.canary.count)} vs ${Math.round(verdict.stable.count)}`;
  if (!verdict.test) return `${head}; too few to judge)`;
  const relation = verdict.test.logLikelihoodRatio >= verdict.test.threshold ? '>=' : '<';
  return `${head}; log LR ${verdict.test.logLikelihoodRatio.toFixed(2)} ${relation} ${verdict.test.threshold.toFixed(2)})`;
}
