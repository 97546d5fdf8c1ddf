import { describe, expectTypeOf, it } from 'vitest';
// A generated prompt package's declarations, pinned by the build package's snapshot test.
import type * as supportMini from '../../build/test/__snapshots__/support-mini/index.js';
import { checkAssertion, openaiProvider, runEvals, type Assertion, type EvaluablePrompt, type JudgePrompt, type ModelToolCall, type Provider, type ProviderResponse, type ToolDefinition } from '../src/index.js';
import type { CaseOutcome, EvalResult } from '@promptpack/spec';

declare const provider: Provider;
declare const prompt: typeof supportMini.default;

describe('@promptpack/eval types', () => {
  it('accepts a generated prompt package as it is', () => {
    expectTypeOf(prompt).toExtend<EvaluablePrompt>();
    expectTypeOf(runEvals({ prompt, provider })).resolves.toEqualTypeOf<EvalResult>();
  });

  it('types the judge options and the model-graded assertions', () => {
    runEvals({ prompt, provider, judge: { model: 'gpt-4o', embeddingModel: 'text-embedding-3-small', provider } });
    // @ts-expect-error the judge model is a name
    runEvals({ prompt, provider, judge: { model: 4 } });
    // @ts-expect-error a judge prompt renders { rubric, answer, question? } and parses a verdict; a support prompt is not one
    const judge: JudgePrompt = prompt;
    void judge;
    const rubric: Assertion = { type: 'llm-rubric', value: 'Is polite.', threshold: 0.8 };
    // @ts-expect-error llm-rubric's rubric is its value
    const misnamed: Assertion = { type: 'llm-rubric', rubric: 'Is polite.' };
    // @ts-expect-error similar compares with text, not a number
    const numeric: Assertion = { type: 'similar', value: 0.8 };
    void [rubric, misnamed, numeric];
  });

  it('accepts only known tiers', () => {
    runEvals({ prompt, provider, tiers: ['blocking', 'backlog'] });
    // @ts-expect-error not a tier
    runEvals({ prompt, provider, tiers: ['urgent'] });
  });

  it('types assertions by their type', () => {
    checkAssertion({ type: 'field-equals', path: 'decision', value: 'approve' }, { text: '', latencyMs: 0, outputSchema: null });
    // @ts-expect-error field-equals needs a path
    checkAssertion({ type: 'field-equals', value: 'approve' }, { text: '', latencyMs: 0, outputSchema: null });
    // @ts-expect-error contains-any takes a list
    const wrong: Assertion = { type: 'contains-any', value: 'a' };
    void wrong;
  });

  it('types the promptfoo-shaped values: threshold for latency and cost, a range for word-count, JSON for equals', () => {
    const right: Assertion[] = [
      { type: 'latency', threshold: 5000 },
      { type: 'cost', threshold: 0.002 },
      { type: 'word-count', value: { min: 20, max: 80 } },
      { type: 'equals', value: { decision: 'approve' } },
      { type: 'levenshtein', value: 'Paris', threshold: 2 },
    ];
    void right;
    // @ts-expect-error latency takes threshold, as in promptfoo
    const oldLatency: Assertion = { type: 'latency', value: 5000 };
    // @ts-expect-error word-count takes a number or { min, max }
    const wordList: Assertion = { type: 'word-count', value: [1, 2] };
    void [oldLatency, wordList];
  });

  it("takes a generated package's tools as they are, and types the tool assertions", () => {
    expectTypeOf(prompt.tools).toExtend<EvaluablePrompt['tools']>();
    const right: Assertion[] = [
      { type: 'tool-called', name: 'lookup_order', arguments: { orderId: 'A-1', lines: [{ sku: 'x' }] } },
      { type: 'tool-called', name: 'issue_refund', schema: { type: 'object', properties: { amountCents: { type: 'integer', maximum: 5000 } } } },
      { type: 'not-tool-called' },
      { type: 'not-tool-called', name: 'issue_refund' },
      { type: 'is-valid-openai-tools-call' },
    ];
    void right;
    // @ts-expect-error tool-called needs the tool's name
    const nameless: Assertion = { type: 'tool-called', arguments: { orderId: 'A-1' } };
    // @ts-expect-error arguments are an object of JSON values, not a list
    const listed: Assertion = { type: 'tool-called', name: 'lookup_order', arguments: ['A-1'] };
    // @ts-expect-error is-valid-openai-tools-call takes no value: the tools are the prompt's
    const valued: Assertion = { type: 'is-valid-openai-tools-call', value: 'lookup_order' };
    void [nameless, listed, valued];
    // @ts-expect-error a tool is sent with its parameters
    const bare: ToolDefinition = { name: 'lookup_order', description: 'Looks an order up.' };
    void bare;
    expectTypeOf<ProviderResponse['toolCalls']>().toEqualTypeOf<ModelToolCall[] | undefined>();
  });

  it('leaves retries and back-off to the openai client', () => {
    openaiProvider({ baseURL: 'http://127.0.0.1:1/v1', maxRetries: 2, timeoutMs: 1000 });
    // @ts-expect-error the client sleeps between retries; there is no sleep to inject
    openaiProvider({ baseURL: 'http://127.0.0.1:1/v1', sleep: async () => {} });
  });

  it('names the four outcomes', () => {
    expectTypeOf<CaseOutcome>().toEqualTypeOf<'hard-pass' | 'soft-pass' | 'fail' | 'error'>();
  });
});
