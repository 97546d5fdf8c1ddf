// reportOutcome and reportFeedback against the real OpenTelemetry metrics
// SDK: names, units, attributes and values of what a collector receives.
import type { Histogram } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { type AnyPromptModule, createPromptRuntime, outcomeMetrics, type RuntimeWarning, staticFlags } from '../src/index.js';
import { testMeterProvider } from './metric-reader.js';
import { buildOutcomeVersions, orderVariables } from './outcome-versions.js';

let stable: AnyPromptModule;
let canary: AnyPromptModule;
beforeAll(async () => {
  ({ stable, canary } = await buildOutcomeVersions('metrics'));
}, 60_000);

let sdk: ReturnType<typeof testMeterProvider>;
afterEach(() => sdk?.shutdown());

function setup(flag: string | false = '1.1.0') {
  sdk = testMeterProvider();
  const warnings: RuntimeWarning[] = [];
  const runtime = createPromptRuntime({
    prompts: { 'order-help': { stable, candidates: [canary] } },
    flags: staticFlags(flag === false ? {} : { 'prompt.order-help': flag }),
    meter: sdk.meter,
    tracer: false,
    onWarning: (warning) => warnings.push(warning),
  });
  return { runtime, warnings, rendered: runtime.render('order-help', orderVariables) };
}

const version = (value: string, contentHash: string) => ({
  'promptpack.prompt.id': 'order-help',
  'promptpack.prompt.version': value,
  'promptpack.prompt.content_hash': contentHash,
});

describe('reportOutcome', () => {
  test('records one outcome, its latency in seconds, tokens, cost and feedback, per version, with the prompt model as default', async () => {
    const { runtime, rendered } = setup();
    runtime.reportOutcome(rendered, { latencyMs: 250, inputTokens: 812, outputTokens: 96, costUsd: 0.0004, parsed: true, feedback: 0.75 });
    const metrics = await sdk.collect();
    const base = { ...version('1.1.0', canary.manifest.contentHash), 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.provider.name': 'openai' };

    expect(metrics.get('promptpack.outcomes')).toEqual({ name: 'promptpack.outcomes', unit: '{request}', points: [{ attributes: { ...base, 'promptpack.outcome': 'ok' }, value: 1 }] });
    const duration = metrics.get('gen_ai.client.operation.duration')!;
    expect(duration.unit).toBe('s');
    expect(duration.points.map((point) => point.attributes)).toEqual([base]);
    expect((duration.points[0]!.value as Histogram).sum).toBeCloseTo(0.25, 9);
    const tokens = metrics.get('gen_ai.client.token.usage')!;
    expect(tokens.unit).toBe('{token}');
    expect(tokens.points.map((point) => [point.attributes['gen_ai.token.type'], (point.value as Histogram).sum])).toEqual([
      ['input', 812],
      ['output', 96],
    ]);
    expect(metrics.get('promptpack.cost')).toMatchObject({ unit: 'USD', points: [{ attributes: base, value: 0.0004 }] });
    const feedback = metrics.get('promptpack.feedback')!;
    expect(feedback.unit).toBe('1');
    expect(feedback.points).toEqual([{ attributes: version('1.1.0', canary.manifest.contentHash), value: expect.objectContaining({ count: 1, sum: 0.75 }) }]);
    expect([...metrics.keys()].sort()).toEqual(Object.values(outcomeMetrics).map((metric) => metric.name).sort());
  });

  test('counts ok, parse_failure and error apart, each error with its error.type, and keeps versions apart', async () => {
    const { runtime, rendered } = setup();
    const stableResult = createPromptRuntime({ prompts: { 'order-help': { stable, candidates: [canary] } }, flags: staticFlags({}), meter: false }).render('order-help', orderVariables);
    runtime.reportOutcome(rendered, { parsed: true });
    runtime.reportOutcome(rendered, { parsed: false });
    runtime.reportOutcome(rendered, { parsed: false });
    runtime.reportOutcome(rendered, { error: Object.assign(new Error('429'), { name: 'RateLimitError' }), latencyMs: 40 });
    runtime.reportOutcome(rendered, { error: 'timeout' });
    runtime.reportOutcome(stableResult as never, { model: 'gpt-4o', provider: 'azure.ai.openai' });
    const points = (await sdk.collect()).get('promptpack.outcomes')!.points;
    const counts = points.map((point) => [point.attributes['promptpack.prompt.version'], point.attributes['promptpack.outcome'], point.attributes['error.type'], point.attributes['gen_ai.request.model'], point.value]);
    expect(counts).toEqual([
      ['1.1.0', 'ok', undefined, 'gpt-4o-mini', 1],
      ['1.1.0', 'parse_failure', undefined, 'gpt-4o-mini', 2],
      ['1.1.0', 'error', 'RateLimitError', 'gpt-4o-mini', 1],
      ['1.1.0', 'error', 'timeout', 'gpt-4o-mini', 1],
      ['1.0.0', 'ok', undefined, 'gpt-4o', 1],
    ]);
    const errorDuration = (await sdk.collect()).get('gen_ai.client.operation.duration')!.points;
    expect(errorDuration.map((point) => point.attributes['error.type'])).toEqual(['RateLimitError']);
  });

  test('drops NaN, negative and infinite numbers and an out-of-range score, warning once per field, and records the rest', async () => {
    const { runtime, rendered, warnings } = setup();
    runtime.reportOutcome(rendered, { latencyMs: Number.NaN, inputTokens: -3, outputTokens: Number.POSITIVE_INFINITY, costUsd: Number.NaN, feedback: 1.5 });
    runtime.reportOutcome(rendered, { latencyMs: Number.NaN, inputTokens: -1 });
    runtime.reportOutcome(rendered, { latencyMs: '12' as never });
    const metrics = await sdk.collect();
    expect([...metrics.keys()]).toEqual(['promptpack.outcomes']);
    expect(metrics.get('promptpack.outcomes')!.points[0]!.value).toBe(3);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'order-help@1.1.0: latencyMs must be a finite number >= 0, got NaN; it was dropped, the rest of the report was recorded. Further bad latencyMs values for this version are dropped without a warning.',
      'order-help@1.1.0: inputTokens must be a finite number >= 0, got -3; it was dropped, the rest of the report was recorded. Further bad inputTokens values for this version are dropped without a warning.',
      'order-help@1.1.0: outputTokens must be a finite number >= 0, got Infinity; it was dropped, the rest of the report was recorded. Further bad outputTokens values for this version are dropped without a warning.',
      'order-help@1.1.0: costUsd must be a finite number >= 0, got NaN; it was dropped, the rest of the report was recorded. Further bad costUsd values for this version are dropped without a warning.',
      'order-help@1.1.0: feedback must be a number in [0, 1], got 1.5; it was dropped, the rest of the report was recorded. Further bad feedback values for this version are dropped without a warning.',
    ]);
    expect(warnings.every((warning) => warning.code === 'invalid-outcome' && warning.source === 'outcomes' && warning.id === 'order-help')).toBe(true);
  });

  test('records nothing for a version this runtime does not serve, and says which ones it does', async () => {
    const { runtime, warnings } = setup();
    runtime.reportOutcome({ meta: { id: 'order-help', version: '9.9.9', contentHash: 'x' } } as never, { parsed: true });
    runtime.reportOutcome(undefined as never, { parsed: true });
    expect((await sdk.collect()).size).toBe(0);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'reportOutcome: order-help@9.9.9 is not an installed prompt version, so nothing was recorded. Pass the meta of a result this runtime rendered (installed: order-help@1.0.0|1.1.0).',
      'reportOutcome: undefined@undefined is not an installed prompt version, so nothing was recorded. Pass the meta of a result this runtime rendered (installed: order-help@1.0.0|1.1.0).',
    ]);
  });

  test('keeps one attribute object per series and hands values to the SDK when it collects, not per report', () => {
    const recorded: Array<[number, object]> = [];
    const observed: Array<[number, object]> = [];
    const callbacks: Array<(observation: { observe(value: number, attributes?: object): void }) => void> = [];
    const meter = {
      createObservableCounter: () => ({ addCallback: (callback: (typeof callbacks)[number]) => void callbacks.push(callback) }),
      createHistogram: () => ({ record: (value: number, attributes?: object) => void recorded.push([value, attributes!]) }),
    };
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable, candidates: [canary] } }, flags: staticFlags({ 'prompt.order-help': '1.1.0' }), meter, tracer: false });
    const rendered = runtime.render('order-help', orderVariables);
    runtime.reportOutcome(rendered, { latencyMs: 10, inputTokens: 1, outputTokens: 2 });
    runtime.reportOutcome(rendered, { latencyMs: 11, inputTokens: 3, outputTokens: 4 });
    expect(recorded).toEqual([]);

    const collect = () => callbacks.forEach((callback) => callback({ observe: (value, attributes) => void observed.push([value, attributes!]) }));
    collect();
    expect(recorded.map(([value]) => value)).toEqual([0.01, 0.011, 1, 3, 2, 4]);
    expect(recorded[1]![1]).toBe(recorded[0]![1]);
    expect(recorded[3]![1]).toBe(recorded[2]![1]);
    expect(observed).toEqual([[2, { ...version('1.1.0', canary.manifest.contentHash), 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.provider.name': 'openai', 'promptpack.outcome': 'ok' }]]);
    runtime.reportOutcome(rendered, { latencyMs: 12 });
    collect();
    expect(recorded.map(([value]) => value).slice(6)).toEqual([0.012]);
    expect(observed[1]![0]).toBe(3);
    expect(observed[1]![1]).toBe(observed[0]![1]);
  });

  test('hands held values to the SDK within a second without a collection, and at once past 16,384, so memory stays bounded', () => {
    vi.useFakeTimers();
    try {
      let recorded = 0;
      const meter = { createObservableCounter: () => ({ addCallback: () => {} }), createHistogram: () => ({ record: () => void recorded++ }) };
      const runtime = createPromptRuntime({ prompts: { 'order-help': { stable } }, flags: staticFlags({}), meter, tracer: false });
      const rendered = runtime.render('order-help', orderVariables);
      runtime.reportOutcome(rendered, { latencyMs: 5 });
      vi.advanceTimersByTime(999);
      expect(recorded).toBe(0);
      vi.advanceTimersByTime(1);
      expect(recorded).toBe(1);
      for (let index = 0; index < 16_384; index++) runtime.reportOutcome(rendered, { latencyMs: index });
      expect(recorded).toBe(1);
      runtime.reportOutcome(rendered, { latencyMs: 1 });
      expect(recorded).toBe(16_385);
    } finally {
      vi.useRealTimers();
    }
  });

  test('never throws: not with a meter that fails, not without any meter', () => {
    const failing = () => {
      throw new Error('exporter down');
    };
    const broken = createPromptRuntime({ prompts: { 'order-help': { stable } }, flags: staticFlags({}), meter: { createObservableCounter: failing, createHistogram: failing } });
    const rendered = broken.render('order-help', orderVariables);
    expect(() => broken.reportOutcome(rendered, { latencyMs: 1, parsed: false })).not.toThrow();
    expect(() => broken.reportFeedback(rendered.meta, 0.5)).not.toThrow();
    const recording = createPromptRuntime({ prompts: { 'order-help': { stable } }, flags: staticFlags({}), meter: { createObservableCounter: () => ({ addCallback: () => {} }), createHistogram: () => ({ record: failing }) } });
    expect(() => {
      for (let index = 0; index < 16_400; index++) recording.reportOutcome(rendered, { latencyMs: 1 });
    }).not.toThrow();
    const without = createPromptRuntime({ prompts: { 'order-help': { stable } }, flags: staticFlags({}), opentelemetry: false });
    expect(() => without.reportOutcome(without.render('order-help', orderVariables), { latencyMs: Number.NaN })).not.toThrow();
  });
});

describe('reportFeedback', () => {
  test('records a score that arrives later, tied by the meta alone (as a client would send it back)', async () => {
    const { runtime, rendered, warnings } = setup();
    const sentBack = JSON.parse(JSON.stringify({ id: rendered.meta.id, version: rendered.meta.version, contentHash: rendered.meta.contentHash })) as typeof rendered.meta;
    runtime.reportFeedback(sentBack, 1);
    runtime.reportFeedback(rendered.meta, 0);
    runtime.reportFeedback(rendered.meta, Number.NaN);
    runtime.reportFeedback(rendered.meta, -0.1);
    const feedback = (await sdk.collect()).get('promptpack.feedback')!;
    expect(feedback.points).toEqual([{ attributes: version('1.1.0', canary.manifest.contentHash), value: expect.objectContaining({ count: 2, sum: 1, min: 0, max: 1 }) }]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'order-help@1.1.0: reportFeedback score must be a number in [0, 1], got NaN; it was dropped, the rest of the report was recorded. Further bad reportFeedback score values for this version are dropped without a warning.',
    ]);
  });

  test('records under the installed content hash and warns once when the meta names another', async () => {
    const { runtime, rendered, warnings } = setup();
    runtime.reportFeedback({ id: 'order-help', version: '1.1.0', contentHash: 'sha256:other' }, 0.5);
    runtime.reportFeedback({ id: 'order-help', version: '1.1.0', contentHash: 'sha256:other' }, 0.5);
    const feedback = (await sdk.collect()).get('promptpack.feedback')!;
    expect(feedback.points[0]!.attributes['promptpack.prompt.content_hash']).toBe(rendered.meta.contentHash);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain(`order-help@1.1.0 has content hash ${rendered.meta.contentHash} here, but the report names sha256:other`);
  });
});
