// The guard's public types: a metric is a proportion or a mean and cannot
// mix their queries; a change's evidence is data kept in the record; only a
// change report carries a record.
import type { ChangeRecord } from '@promptpack/spec';
import { describe, expectTypeOf, test } from 'vitest';
import type { ChangeSettings, GuardMetric, MeanMetric, ProportionMetric, TickReport } from '../src/index.js';

describe('guard types', () => {
  test('a proportion metric has bad/total, a mean sum/count/worse/deviation; not both', () => {
    const proportion: ProportionMetric = { name: 'x', kind: 'proportion', description: 'd', bad: 'b', total: 't', margin: 0, mixture: 0.05 };
    expectTypeOf(proportion).toExtend<GuardMetric>();
    // @ts-expect-error a proportion has no sum
    const mixed: ProportionMetric = { name: 'x', kind: 'proportion', description: 'd', bad: 'b', total: 't', margin: 0, mixture: 0.05, sum: 's' };
    // @ts-expect-error a mean says which direction is worse
    const directionless: MeanMetric = { name: 'x', kind: 'mean', description: 'd', sum: 's', count: 'c', deviation: 1, margin: 0, mixture: 1 };
    expectTypeOf<Extract<GuardMetric, { kind: 'mean' }>['worse']>().toEqualTypeOf<'higher' | 'lower'>();
    void mixed;
    void directionless;
  });

  test('evidence and a precondition are optional settings of a change; the record keeps the evidence', () => {
    expectTypeOf<ChangeSettings['evidence']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    expectTypeOf<ChangeRecord['evidence']>().toEqualTypeOf<Record<string, unknown> | undefined>();
    // @ts-expect-error evidence is an object, not a sentence (the sentence is the reason)
    const worded: ChangeSettings = { reason: 'r', actor: 'a', force: false, evidence: 'looked bad' };
    void worded;
  });

  test('only rolled-back, stepped and promoted reports carry a record', () => {
    expectTypeOf<Extract<TickReport, { record: ChangeRecord }>['outcome']>().toEqualTypeOf<'rolled-back' | 'stepped' | 'promoted'>();
    const held = { outcome: 'held', message: 'm' } as TickReport;
    // @ts-expect-error a report must be narrowed before its record is read
    void held.record;
  });
});
