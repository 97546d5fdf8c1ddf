import { describe, expect, it } from 'vitest';
import { meanDifference, mixtureTest, proportionDifference } from '../src/guard-statistics.js';

const settings = { margin: 0.01, alpha: 0.01, mixture: 0.05 };

describe('mixtureTest (mSPRT, normal mixture)', () => {
  it('matches the closed form: log LR = ½ log(V/(V+τ²)) + τ²(Δ-margin)²/(2V(V+τ²))', () => {
    // V = 1e-4, τ² = 2.5e-3, Δ - margin = 0.04: ½ log(1/26) + 4e-6/5.2e-7 = -1.6291 + 7.6923.
    const result = mixtureTest({ estimate: 0.05, variance: 1e-4 }, settings);
    expect(result.logLikelihoodRatio).toBeCloseTo(6.0632, 3);
    expect(result.threshold).toBeCloseTo(Math.log(100), 10);
    expect(result.worse).toBe(true);
    expect(result.pValue).toBeCloseTo(Math.exp(-6.0632), 5);
  });

  it('one-sided: a canary better than stable by as much is never worse', () => {
    const result = mixtureTest({ estimate: -0.03, variance: 1e-4 }, settings);
    expect(result.logLikelihoodRatio).toBeGreaterThan(result.threshold);
    expect(result.worse).toBe(false);
  });

  it('a difference within the margin is not worse, however much data', () => {
    expect(mixtureTest({ estimate: 0.009, variance: 1e-9 }, settings).worse).toBe(false);
  });

  it('the same excess gets more convincing as the variance shrinks (more requests)', () => {
    const few = mixtureTest({ estimate: 0.03, variance: 4e-4 }, settings);
    const many = mixtureTest({ estimate: 0.03, variance: 1e-5 }, settings);
    expect(few.worse).toBe(false);
    expect(many.worse).toBe(true);
    expect(many.logLikelihoodRatio).toBeGreaterThan(few.logLikelihoodRatio);
  });

  it('no variance (no data) or a NaN estimate: no evidence, p = 1', () => {
    expect(mixtureTest({ estimate: 0.5, variance: 0 }, settings)).toMatchObject({ worse: false, pValue: 1, logLikelihoodRatio: 0 });
    expect(mixtureTest({ estimate: Number.NaN, variance: 1e-3 }, settings)).toMatchObject({ worse: false, pValue: 1 });
  });
});

describe('proportionDifference', () => {
  it('the estimate is the plain difference of rates; the variance shrinks each rate by a pseudo-count', () => {
    const difference = proportionDifference({ total: 100, bad: 30 }, { total: 1000, bad: 20 });
    expect(difference.estimate).toBeCloseTo(0.28, 10);
    expect(difference.variance).toBeCloseTo(((31 / 102) * (71 / 102)) / 100 + ((21 / 1002) * (981 / 1002)) / 1000, 12);
  });

  it('zero bad requests on both sides still has a variance above zero', () => {
    expect(proportionDifference({ total: 50, bad: 0 }, { total: 500, bad: 0 }).variance).toBeGreaterThan(0);
  });
});

describe('meanDifference', () => {
  it('signed so that positive is worse: higher cost, lower feedback', () => {
    const canary = { count: 100, sum: 60 };
    const stable = { count: 400, sum: 320 };
    expect(meanDifference(canary, stable, 0.5, 'lower').estimate).toBeCloseTo(0.2, 10);
    expect(meanDifference(canary, stable, 0.5, 'higher').estimate).toBeCloseTo(-0.2, 10);
    expect(meanDifference(canary, stable, 0.5, 'lower').variance).toBeCloseTo(0.25 * (1 / 100 + 1 / 400), 12);
  });
});
