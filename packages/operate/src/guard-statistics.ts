// The guard's decision rule: a mixture sequential probability ratio test
// (mSPRT; Johari, Pekelis, Walsh, "Always valid inference", 2017) on the
// difference between canary and stable, with a normal approximation. Its
// likelihood ratio is a martingale under the null hypothesis, so by Ville's
// inequality the chance that it EVER reaches 1/alpha is at most alpha, however
// often it is looked at: the guard may re-evaluate every few seconds, from a
// scheduler or a loop, without inflating its false-alarm rate. Pure.

/** How far the canary is from stable on one metric, with the variance of that estimate. */
export interface Difference {
  /** Canary minus stable, signed so that positive means the canary is worse. */
  estimate: number;
  /** The variance of `estimate` (for proportions, p(1-p)/n summed over both arms). */
  variance: number;
}

export interface TestSettings {
  /** How much worse the canary may be before it counts as worse: the null hypothesis is `difference <= margin`. */
  margin: number;
  /** The false-alarm bound: the chance a canary no worse than `margin` is ever flagged. */
  alpha: number;
  /** The spread of the normal mixture over effects; the test is valid for any, and quickest on effects near it. */
  mixture: number;
}

export interface TestResult {
  /** log of the mixture likelihood ratio: the statistic. */
  logLikelihoodRatio: number;
  /** log(1/alpha): the statistic at or above it rejects "no worse than the margin". */
  threshold: number;
  /** The always-valid p-value at this look, min(1, 1/likelihood ratio). */
  pValue: number;
  worse: boolean;
}

/**
 * The mSPRT of "canary minus stable <= margin". The mixture is two-sided
 * (normal, centred on the margin), and only a difference above the margin
 * counts: the one-sided false-alarm rate is then at most alpha too.
 */
export function mixtureTest(difference: Difference, settings: TestSettings): TestResult {
  const threshold = Math.log(1 / settings.alpha);
  const { variance } = difference;
  if (!(variance > 0) || !Number.isFinite(difference.estimate)) return { logLikelihoodRatio: 0, threshold, pValue: 1, worse: false };
  const tau2 = settings.mixture * settings.mixture;
  const excess = difference.estimate - settings.margin;
  const logLikelihoodRatio = 0.5 * Math.log(variance / (variance + tau2)) + (tau2 * excess * excess) / (2 * variance * (variance + tau2));
  const worse = excess > 0 && logLikelihoodRatio >= threshold;
  return { logLikelihoodRatio, threshold, pValue: Math.min(1, Math.exp(-logLikelihoodRatio)), worse };
}

/** Counts of one arm: requests, and those that were bad (failed to parse, errored, were too slow or too costly). */
export interface ProportionArm {
  total: number;
  bad: number;
}

/**
 * The difference in bad rates. The variance uses each rate shrunk toward
 * one half by one pseudo-count (Agresti-Caffo): with zero bad requests so
 * far the plain estimate would claim a variance of zero and certainty.
 */
export function proportionDifference(canary: ProportionArm, stable: ProportionArm): Difference {
  const rate = (arm: ProportionArm) => arm.bad / arm.total;
  const shrunk = (arm: ProportionArm) => (arm.bad + 1) / (arm.total + 2);
  const spread = (arm: ProportionArm) => (shrunk(arm) * (1 - shrunk(arm))) / arm.total;
  return { estimate: rate(canary) - rate(stable), variance: spread(canary) + spread(stable) };
}

/** Sum and count of one arm of a mean (cost per request, feedback score). */
export interface MeanArm {
  count: number;
  sum: number;
}

/**
 * The difference in means, with a known bound on the standard deviation of
 * one observation (Prometheus keeps sums and counts, not squares): a
 * feedback score in [0, 1] has one of at most 0.5. An upper bound keeps the
 * false-alarm rate at or under alpha. `worse` says which direction hurts.
 */
export function meanDifference(canary: MeanArm, stable: MeanArm, deviation: number, worse: 'higher' | 'lower'): Difference {
  const sign = worse === 'higher' ? 1 : -1;
  const estimate = sign * (canary.sum / canary.count - stable.sum / stable.count);
  return { estimate, variance: deviation * deviation * (1 / canary.count + 1 / stable.count) };
}
