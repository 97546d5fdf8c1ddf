import { describe, expectTypeOf, it } from 'vitest';
// A generated prompt package's declarations, pinned by the build package's snapshot test.
import type * as supportMini from '../../build/test/__snapshots__/support-mini/index.js';
import { checkAssertion, runEvals, type Assertion, type EvaluablePrompt, type Provider } from '../src/index.js';
import type { CaseOutcome, EvalResult } from '@promptpack/spec';

declare const provider: Provider;
declare const prompt: typeof supportMini.default;

describe('@promptpack/eval types', () => {
  it('accepts a generated prompt package as it is', () => {
    expectTypeOf(prompt).toExtend<EvaluablePrompt>();
    expectTypeOf(runEvals({ prompt, provider })).resolves.toEqualTypeOf<EvalResult>();
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

  it('names the four outcomes', () => {
    expectTypeOf<CaseOutcome>().toEqualTypeOf<'hard-pass' | 'soft-pass' | 'fail' | 'error'>();
  });
});
