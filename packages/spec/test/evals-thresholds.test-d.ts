import { describe, expectTypeOf, it } from 'vitest';
import type { EvalManifest } from '../src/index.js';

type Thresholds = EvalManifest['thresholds'];

describe('thresholds.minimumBlockingCases', () => {
  it('is an optional count: validate falls back to the bar of 50 when a manifest leaves it out', () => {
    expectTypeOf<Thresholds['minimumBlockingCases']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<{ hardPassRate: 0.9; passRate: 0.95; maxDropPoints: 2 }>().toExtend<Thresholds>();
  });

  it('refuses a number written as text', () => {
    // @ts-expect-error a count of cases, not a string
    expectTypeOf<{ hardPassRate: 0.9; passRate: 0.95; maxDropPoints: 2; minimumBlockingCases: '50' }>().toExtend<Thresholds>();
  });
});
