import type { EvalResult } from '@promptpack/spec';
import { describe, expectTypeOf, it } from 'vitest';
import { type EvalChange, renderEvalSummaryMarkdown, summarizeEvalChange } from '../../src/index.js';

declare const result: EvalResult;

describe('the eval summary API', () => {
  it('summarizes a result and a gate verdict into an EvalChange that renders to markdown', () => {
    expectTypeOf(summarizeEvalChange({ after: result, gate: { passed: true, reasons: [] } })).toEqualTypeOf<EvalChange>();
    expectTypeOf(renderEvalSummaryMarkdown).parameters.toEqualTypeOf<[EvalChange]>();
    expectTypeOf(renderEvalSummaryMarkdown).returns.toBeString();
  });

  it('refuses a summary without the gate verdict, or with the results swapped for their summaries', () => {
    // @ts-expect-error the gate verdict is required: the comment always states it
    summarizeEvalChange({ before: result, after: result });
    // @ts-expect-error --after must be a whole EvalResult, not a bare rates object
    summarizeEvalChange({ after: result.rates, gate: { passed: true, reasons: [] } });
    // @ts-expect-error the renderer takes the summarized change, not a raw result
    renderEvalSummaryMarkdown(result);
  });
});
