import { metrics, trace } from '@opentelemetry/api';
import { describe, expectTypeOf, it } from 'vitest';
import { createPromptRuntime, staticFlags } from '../src/index.js';

// Two versions as their generated .d.ts declare them: a literal id in meta,
// and an output schema behind safeParseOutput.
interface Manifest<Version extends string> {
  readonly id: 'order-help';
  readonly name: '@acme/prompt-order-help';
  readonly version: Version;
  readonly contentHash: string;
  readonly variables: unknown;
}
interface Output {
  answer: string;
  escalate: boolean;
}
type Parsed = { success: true; data: Output; error?: undefined } | { success: false; data?: undefined; error: Error & { code: 'prompt/invalid-output' } };
type Result<Version extends string> = {
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  model: { name: string; provider: string };
  meta: { id: 'order-help'; name: '@acme/prompt-order-help'; version: Version; contentHash: string; policyHash: string };
};
declare const v1: { render(variables: { question: string }): Result<'1.0.0'>; safeParseOutput(text: string): Parsed; manifest: Manifest<'1.0.0'> };
declare const v2: { render(variables: { question: string }): Result<'1.1.0'>; safeParseOutput(text: string): Parsed; manifest: Manifest<'1.1.0'> };
declare const other: { render(variables: { topic: string }): Omit<Result<'2.0.0'>, 'meta'> & { meta: { id: 'study-tutor'; version: '2.0.0'; contentHash: string } }; manifest: Manifest<'2.0.0'> };

const runtime = createPromptRuntime({
  prompts: { 'order-help': { stable: v1, candidates: [v2] }, 'study-tutor': { stable: other } },
  flags: staticFlags({}),
  // The real @opentelemetry/api Meter and Tracer fit the runtime's slices.
  meter: metrics.getMeter('@promptpack/runtime'),
  tracer: trace.getTracer('@promptpack/runtime'),
});
const rendered = runtime.render('order-help', { question: 'q' });

describe('reportOutcome types', () => {
  it('takes what render returned and the fields of an outcome', () => {
    runtime.reportOutcome(rendered, { latencyMs: 12, inputTokens: 1, outputTokens: 2, costUsd: 0.1, parsed: true, error: new Error('x'), feedback: 1, model: 'gpt-4o', provider: 'openai' });
    runtime.reportOutcome(runtime.render('study-tutor', { topic: 't' }), {});
  });

  it('rejects an unknown field, a wrongly typed one, and something render did not return', () => {
    // @ts-expect-error latency is not a field (latencyMs is)
    runtime.reportOutcome(rendered, { latency: 12 });
    // @ts-expect-error latencyMs is a number of milliseconds
    runtime.reportOutcome(rendered, { latencyMs: '12ms' });
    // @ts-expect-error parsed is a boolean
    runtime.reportOutcome(rendered, { parsed: 'yes' });
    // @ts-expect-error a bare meta is not a render result (reportFeedback takes one)
    runtime.reportOutcome(rendered.meta, { parsed: true });
  });
});

describe('reportFeedback types', () => {
  it('takes the meta of a render, or its JSON-safe fields', () => {
    runtime.reportFeedback(rendered.meta, 0.5);
    runtime.reportFeedback({ id: 'study-tutor', version: '2.0.0' }, 1);
  });

  it('rejects a prompt id this runtime does not serve and a score that is not a number', () => {
    // @ts-expect-error not an installed prompt
    runtime.reportFeedback({ id: 'order-hepl', version: '1.0.0' }, 1);
    // @ts-expect-error the score is a number in [0, 1]
    runtime.reportFeedback(rendered.meta, 'good');
  });
});

describe('callModel types', () => {
  it("hands the model function the prompt's render result and returns its parsed output and the answer as returned", async () => {
    const result = await runtime.callModel('order-help', { question: 'q' }, { userId: 'u' }, async (request) => {
      expectTypeOf(request.meta.version).toEqualTypeOf<'1.0.0' | '1.1.0'>();
      expectTypeOf(request.messages).toEqualTypeOf<{ role: 'system' | 'user' | 'assistant'; content: string }[]>();
      return { text: '{}', usage: { inputTokens: 1, outputTokens: 2 }, raw: { id: 'chatcmpl-1' } };
    });
    expectTypeOf(result.outcome).toEqualTypeOf<'ok' | 'parse_failure'>();
    expectTypeOf(result.answer.raw).toEqualTypeOf<{ id: string }>();
    if (result.output.success) expectTypeOf(result.output.data).toEqualTypeOf<Output>();
    const text = await runtime.callModel('study-tutor', { topic: 't' }, {}, async () => ({ text: 'plain' }));
    if (text.output.success) expectTypeOf(text.output.data).toEqualTypeOf<string>();
  });

  it('rejects a wrong prompt id, variables of another prompt and a model function without text', () => {
    // @ts-expect-error not an installed prompt
    void runtime.callModel('order-hepl', { question: 'q' }, {}, async () => ({ text: '' }));
    // @ts-expect-error order-help takes a question, not a topic
    void runtime.callModel('order-help', { topic: 't' }, {}, async () => ({ text: '' }));
    // @ts-expect-error a prompt with no candidates is checked too: study-tutor takes a topic
    void runtime.callModel('study-tutor', { question: 'q' }, {}, async () => ({ text: '' }));
    // @ts-expect-error the model function resolves to { text }
    void runtime.callModel('order-help', { question: 'q' }, {}, async () => ({ content: '' }));
    // @ts-expect-error usage counts are numbers
    void runtime.callModel('order-help', { question: 'q' }, {}, async () => ({ text: '', usage: { inputTokens: '1' } }));
  });
});
