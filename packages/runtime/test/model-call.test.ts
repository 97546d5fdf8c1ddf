// runtime.callModel with the real OpenTelemetry trace and metrics SDKs: the
// model call's span, the parsed answer, the outcome it records, and the
// caller's error passed through unchanged.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type AnyPromptModule, createPromptRuntime, staticFlags } from '../src/index.js';
import { testMeterProvider } from './metric-reader.js';
import { buildOutcomeVersions, orderVariables } from './outcome-versions.js';

let stable: AnyPromptModule;
let canary: AnyPromptModule;
beforeAll(async () => {
  ({ stable, canary } = await buildOutcomeVersions('model-call'));
}, 60_000);

let metrics: ReturnType<typeof testMeterProvider>;
let spans: InMemorySpanExporter;
let tracing: BasicTracerProvider;
afterEach(async () => {
  await metrics?.shutdown();
  await tracing?.shutdown();
});

function setup(flags: Record<string, string> = { 'prompt.order-help': '1.1.0' }) {
  metrics = testMeterProvider();
  spans = new InMemorySpanExporter();
  tracing = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  return createPromptRuntime({ prompts: { 'order-help': { stable, candidates: [canary] } }, flags: staticFlags(flags), meter: metrics.meter, tracer: tracing.getTracer('@promptpack/runtime') });
}

async function outcomes() {
  return (await metrics.collect()).get('promptpack.outcomes')!.points.map((point) => [point.attributes['promptpack.outcome'], point.attributes['error.type'], point.value]);
}

describe('callModel', () => {
  test('calls the model with the rendered request inside a `chat {model}` client span tagged with the prompt version, and parses the answer', async () => {
    const runtime = setup();
    const sent: unknown[] = [];
    const result = await runtime.callModel('order-help', orderVariables, { userId: 'u1' }, async (request) => {
      sent.push(request.messages);
      return { text: '{"answer":"A-1 ships today.","escalate":false}', usage: { inputTokens: 420, outputTokens: 17 }, costUsd: 0.0002 };
    });

    expect(result.outcome).toBe('ok');
    expect(result.output).toEqual({ success: true, data: { answer: 'A-1 ships today.', escalate: false } });
    expect(sent).toEqual([result.rendered.messages]);
    expect(result.rendered.meta.version).toBe('1.1.0');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);

    const [span] = spans.getFinishedSpans();
    expect(span!.name).toBe('chat gpt-4o-mini');
    expect(span!.kind).toBe(2); // SpanKind.CLIENT
    expect(span!.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 300,
      'gen_ai.usage.input_tokens': 420,
      'gen_ai.usage.output_tokens': 17,
      'promptpack.prompt.id': 'order-help',
      'promptpack.prompt.version': '1.1.0',
      'promptpack.prompt.content_hash': canary.manifest.contentHash,
      'promptpack.flag.name': 'prompt.order-help',
      'promptpack.flag.variant': '1.1.0',
      'promptpack.outcome': 'ok',
    });
    expect(span!.status.code).toBe(0); // UNSET: the call went well

    const collected = await metrics.collect();
    expect(await outcomes()).toEqual([['ok', undefined, 1]]);
    expect(collected.get('promptpack.cost')!.points[0]!.value).toBe(0.0002);
    expect(collected.get('gen_ai.client.token.usage')!.points.map((point) => point.attributes['gen_ai.token.type'])).toEqual(['input', 'output']);
  });

  test('counts an answer that does not match the output schema as a parse failure and returns the parse error', async () => {
    const runtime = setup();
    const result = await runtime.callModel('order-help', orderVariables, {}, async () => ({ text: 'Sure! It ships today.' }));
    expect(result.outcome).toBe('parse_failure');
    expect(result.output.success).toBe(false);
    // These fixtures are typed as AnyPromptModule, whose output type is the text: read the error untyped.
    expect((result.output as { error?: Error }).error?.message).toContain('expected JSON');
    const wrongShape = await runtime.callModel('order-help', orderVariables, {}, async () => ({ text: '{"answer":"ok"}' }));
    expect(wrongShape.outcome).toBe('parse_failure');
    expect(await outcomes()).toEqual([['parse_failure', undefined, 2]]);
    expect(spans.getFinishedSpans().map((span) => span.attributes['promptpack.outcome'])).toEqual(['parse_failure', 'parse_failure']);
  });

  test("records the model's error on the span and the outcome, then rethrows the very same error", async () => {
    const runtime = setup();
    const failure = Object.assign(new Error('rate limited'), { name: 'RateLimitError' });
    await expect(
      runtime.callModel('order-help', orderVariables, {}, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [span] = spans.getFinishedSpans();
    expect(span!.status).toEqual({ code: 2, message: 'rate limited' }); // SpanStatusCode.ERROR
    expect(span!.attributes['error.type']).toBe('RateLimitError');
    expect(span!.events.map((event) => event.name)).toEqual(['exception']);
    expect(await outcomes()).toEqual([['error', 'RateLimitError', 1]]);
    expect((await metrics.collect()).get('gen_ai.client.operation.duration')!.points[0]!.attributes['error.type']).toBe('RateLimitError');
  });

  test('names the span after the model the service actually called, and records under it', async () => {
    const runtime = setup({});
    await runtime.callModel('order-help', orderVariables, {}, async () => ({ text: '{"answer":"Yes.","escalate":true}', model: 'gpt-4.1', provider: 'azure.ai.openai' }));
    const [span] = spans.getFinishedSpans();
    expect([span!.name, span!.attributes['gen_ai.request.model'], span!.attributes['promptpack.prompt.version']]).toEqual(['chat gpt-4.1', 'gpt-4.1', '1.0.0']);
    const point = (await metrics.collect()).get('promptpack.outcomes')!.points[0]!;
    expect([point.attributes['gen_ai.request.model'], point.attributes['gen_ai.provider.name']]).toEqual(['gpt-4.1', 'azure.ai.openai']);
  });

  test('throws invalid variables from render before any span or outcome, and calls no model', async () => {
    const runtime = setup();
    let called = false;
    await expect(
      runtime.callModel('order-help', { ...orderVariables, question: '' }, {}, async () => {
        called = true;
        return { text: '{}' };
      }),
    ).rejects.toThrow(/question/);
    expect(called).toBe(false);
    expect(spans.getFinishedSpans()).toEqual([]);
    expect((await metrics.collect()).size).toBe(0);
  });

  test('works without a tracer, and without any OpenTelemetry at all', async () => {
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable } }, flags: staticFlags({}), opentelemetry: false });
    const result = await runtime.callModel('order-help', orderVariables, {}, async () => ({ text: '```json\n{"answer":"Yes.","escalate":false}\n```' }));
    expect(result.output).toEqual({ success: true, data: { answer: 'Yes.', escalate: false } });
  });
});
