import { describe, expect, test } from 'vitest';
import { finishCheck, report, startCheck } from './check-run.js';

describe('a check run', () => {
  test('that found nothing is reused by the next check, empty', () => {
    const first = startCheck();
    first.path.push('orders', 0);
    first.path.length = 0;
    expect(finishCheck(first, { a: 1 })).toEqual({ success: true, data: { a: 1 } });
    const second = startCheck();
    expect(second).toBe(first);
    expect(second).toEqual({ issues: [], continues: [], path: [] });
  });

  test('whose issues were handed out is never reused: a later check cannot change them', () => {
    const failed = startCheck();
    failed.path.push('company');
    report(failed, { expected: 'string', code: 'invalid_type' }, undefined, 3);
    failed.path.pop();
    const result = finishCheck(failed, {});
    const next = startCheck();
    expect(next).not.toBe(failed);
    report(next, { expected: 'number', code: 'invalid_type' }, undefined, 'x');
    expect(!result.success && result.error.issues).toEqual([expect.objectContaining({ code: 'invalid_type', expected: 'string', path: ['company'] })]);
  });

  test('started while another runs (a getter in the variables checking again) is its own', () => {
    const outer = startCheck();
    const inner = startCheck();
    expect(inner).not.toBe(outer);
    expect(finishCheck(inner, 'inner').success).toBe(true);
    outer.path.push('question');
    report(outer, { code: 'custom' }, true, undefined);
    expect(inner.issues).toEqual([]);
  });
});
