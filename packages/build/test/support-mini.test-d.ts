// Types of the generated package, checked by tsc (vitest typecheck). They
// compile against the pinned build output of __fixtures__/support-mini in
// __snapshots__/support-mini/ (compile-prompt.test.ts keeps it equal to what
// the build writes), so no build step has to run before the type check.
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import prompt, {
  evals,
  manifest,
  outputJsonSchema,
  parseOutput,
  PromptOutputError,
  PromptVariablesError,
  render,
  safeParseOutput,
  safeRender,
  variablesSchema,
  type Output,
  type RenderResult,
  type Variables,
} from './__snapshots__/support-mini/index.js';
import type * as Cjs from './__snapshots__/support-mini/index.cjs';

const customer = { name: 'Ada', tier: 'pro' } as const;
const ticket = { subject: 'Charged twice', body: 'Twice!' };

describe('render', () => {
  test('accepts the declared variables, optional ones included', () => {
    expectTypeOf(render).parameter(0).toEqualTypeOf<Variables>();
    expectTypeOf(render({ customer, ticket, orders: [] })).toEqualTypeOf<RenderResult>();
    expectTypeOf(render({ customer, ticket, orders: [{ sku: 'ABC-1234', quantity: 1 }], agentNote: 'VIP' })).toEqualTypeOf<RenderResult>();
  });

  test('a misspelled variable does not compile', () => {
    // @ts-expect-error -- "customr" is not a declared variable
    render({ customr: customer, ticket, orders: [] });
    // @ts-expect-error -- nested: "nmae" is not a property of customer
    render({ customer: { nmae: 'Ada', tier: 'pro' }, ticket, orders: [] });
    // @ts-expect-error -- optional variables are checked too
    render({ customer, ticket, orders: [], agentNotes: 'VIP' });
  });

  test('a missing required variable does not compile', () => {
    // @ts-expect-error -- orders is required
    render({ customer, ticket });
    // @ts-expect-error -- ticket.body is required
    render({ customer, ticket: { subject: 'Hi' }, orders: [] });
  });

  test('a mistyped variable does not compile', () => {
    // @ts-expect-error -- tier is an enum
    render({ customer: { name: 'Ada', tier: 'gold' }, ticket, orders: [] });
    // @ts-expect-error -- quantity is a number
    render({ customer, ticket, orders: [{ sku: 'ABC-1234', quantity: '1' }] });
    // @ts-expect-error -- name is a string
    render({ customer: { name: 42, tier: 'pro' }, ticket, orders: [] });
  });

  test('types the declared shape, with literal unions for enums', () => {
    expectTypeOf<Variables['customer']['tier']>().toEqualTypeOf<'free' | 'pro' | 'enterprise'>();
    expectTypeOf<Variables['orders']>().toEqualTypeOf<Array<{ sku: string; quantity: number }>>();
    expectTypeOf<Variables['agentNote']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<z.infer<typeof variablesSchema>>().toEqualTypeOf<Variables>();
  });

  test('safeRender takes untrusted input and narrows on success', () => {
    const result = safeRender(JSON.parse('{}') as unknown);
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<RenderResult>();
    else expectTypeOf(result.error.code).toEqualTypeOf<'prompt/invalid-variables' | 'prompt/render-failed'>();
  });
});

describe('output', () => {
  test('parseOutput returns the type inferred from the output schema', () => {
    expectTypeOf(parseOutput).returns.toEqualTypeOf<Output>();
    expectTypeOf(parseOutput('{}')).toEqualTypeOf<{ decision: 'reply' | 'escalate' | 'refund'; reply: string; refundCents?: number }>();
    expectTypeOf(parseOutput('{}').decision).toEqualTypeOf<'reply' | 'escalate' | 'refund'>();
    // @ts-expect-error -- not a field of the output
    void parseOutput('{}').refund;
  });

  test('safeParseOutput narrows to the output or the error', () => {
    const result = safeParseOutput('{}');
    if (result.success) expectTypeOf(result.data).toEqualTypeOf<Output>();
    else expectTypeOf(result.error).toEqualTypeOf<PromptOutputError>();
  });

  test('the JSON Schema for structured output is present', () => {
    expectTypeOf(outputJsonSchema).not.toBeNull();
    expectTypeOf(outputJsonSchema).toExtend<Record<string, unknown>>();
  });
});

describe('manifest, meta and errors', () => {
  test('carry literal id and version, so versions can be told apart by type', () => {
    expectTypeOf(manifest.id).toEqualTypeOf<'support-mini'>();
    expectTypeOf(manifest.version).toEqualTypeOf<'1.0.0'>();
    expectTypeOf(manifest.specificationVersion).toEqualTypeOf<'promptpack.manifest/v1'>();
    expectTypeOf(render({ customer, ticket, orders: [] }).meta.version).toEqualTypeOf<'1.0.0'>();
    expectTypeOf(evals.cases[0]!.variables).toEqualTypeOf<Variables>();
    expectTypeOf(prompt.id).toEqualTypeOf<'support-mini'>();
  });

  test('error classes have stable codes and zod issues', () => {
    expectTypeOf<PromptVariablesError['code']>().toEqualTypeOf<'prompt/invalid-variables'>();
    expectTypeOf<PromptVariablesError['issues']>().toEqualTypeOf<z.core.$ZodIssue[]>();
    const error: unknown = new Error('x');
    if (PromptVariablesError.isInstance(error)) expectTypeOf(error).toEqualTypeOf<PromptVariablesError>();
  });

  test('the default export bundles the named exports', () => {
    expectTypeOf(prompt.render).toEqualTypeOf(render);
    expectTypeOf(prompt.parseOutput).toEqualTypeOf(parseOutput);
  });
});

describe('CommonJS declarations', () => {
  test('say the same as the ESM ones', () => {
    expectTypeOf<Cjs.Variables>().toEqualTypeOf<Variables>();
    expectTypeOf<Cjs.Output>().toEqualTypeOf<Output>();
    expectTypeOf<typeof Cjs.render>().parameter(0).toEqualTypeOf<Variables>();
  });
});
