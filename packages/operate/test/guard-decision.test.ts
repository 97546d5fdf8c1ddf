import { describe, expect, it } from 'vitest';
import { decide, type Observations } from '../src/guard-decision.js';
import { defaultMetric } from '../src/guard-metrics.js';
import { guardSettings } from './guard-simulation.js';

const parse = defaultMetric('parse-failure', {});
const feedback = defaultMetric('feedback', {});
const look = (overrides: Partial<Observations> & { canaryBad?: number; canaryCount?: number } = {}): Observations => ({
  metrics: [{ metric: parse, canary: { count: overrides.canaryCount ?? 600, value: overrides.canaryBad ?? 12 }, stable: { count: 5400, value: 108 } }],
  ageSeconds: 5,
  percent: 10,
  stepSeconds: 400,
  stepSamples: 600,
  ...overrides,
});
const stepping = guardSettings({ steps: [1, 10, 50, 100], minStepSeconds: 300, minStepSamples: 500 });

describe('decide', () => {
  it('rolls back a canary that fails to parse 30% of the time against 2%, naming the metric and the statistic', () => {
    const decision = decide(look({ canaryBad: 180 }), stepping);
    expect(decision.action).toBe('rollback');
    if (decision.action !== 'rollback') return;
    expect(decision.worst.metric).toBe('parse-failure');
    expect(decision.message).toMatch(/^canary worse on parse-failure: parse-failure 30\.0% vs 2\.0% \(n 600 vs 5400; log LR \d+\.\d\d >= 4\.61\)$/);
  });

  it('no samples at all: holds, never steps up or rolls back', () => {
    const decision = decide(look({ ageSeconds: undefined, canaryBad: 180 }), stepping);
    expect(decision).toMatchObject({ action: 'hold' });
    expect(decision.message).toMatch(/^held: no data: .*not promoting, not rolling back$/);
  });

  it('stale data (newest sample older than the limit): holds, even when it looks bad', () => {
    const decision = decide(look({ ageSeconds: 61, canaryBad: 180 }), stepping);
    expect(decision.action).toBe('hold');
    expect(decision.message).toMatch(/stale data: the newest sample is 61 s old \(limit 60 s\)/);
  });

  it('a healthy canary steps up to the next percentage once long and large enough', () => {
    expect(decide(look(), stepping)).toMatchObject({ action: 'step', percent: 50 });
    expect(decide(look({ percent: 50 }), stepping)).toMatchObject({ action: 'step', percent: 100 });
  });

  it('waits at a step until it has had the duration and the requests, and says how much is left', () => {
    const decision = decide(look({ stepSeconds: 100, stepSamples: 20 }), stepping);
    expect(decision.action).toBe('watch');
    expect(decision.message).toBe('healthy so far; next step 50% after 200 s more at 10% and 480 more canary requests at 10%');
  });

  it('never steps on too few requests to judge a metric', () => {
    const decision = decide(look({ canaryCount: 20, canaryBad: 0 }), stepping);
    expect(decision.action).toBe('watch');
    expect(decision.message).toMatch(/too few requests to judge parse-failure \(need 30 on each side\)/);
  });

  it('without --step it only watches; at the last step too', () => {
    expect(decide(look(), guardSettings())).toMatchObject({ action: 'watch', message: 'healthy so far; stepping is off' });
    expect(decide(look({ percent: 100 }), stepping)).toMatchObject({ action: 'watch', message: 'healthy so far; at the last step' });
  });

  it('feedback (a mean, lower is worse): a canary scored 0.5 against 0.8 is rolled back; one scored higher is not', () => {
    const settings = guardSettings({ metrics: [feedback] });
    const worse = decide({ ...look(), metrics: [{ metric: feedback, canary: { count: 400, value: 200 }, stable: { count: 4000, value: 3200 } }] }, settings);
    expect(worse).toMatchObject({ action: 'rollback' });
    const better = decide({ ...look(), metrics: [{ metric: feedback, canary: { count: 400, value: 380 }, stable: { count: 4000, value: 3200 } }] }, settings);
    expect(better.action).toBe('watch');
  });

  it('two metrics share the false-alarm bound: each is tested at alpha / 2', () => {
    const error = defaultMetric('error', {});
    const settings = guardSettings({ metrics: [parse, error] });
    const decision = decide({ ...look(), metrics: [look().metrics[0]!, { metric: error, canary: { count: 600, value: 0 }, stable: { count: 5400, value: 5 } }] }, settings);
    expect(decision.verdicts.map((verdict) => verdict.test?.threshold)).toEqual([Math.log(200), Math.log(200)]);
  });
});
