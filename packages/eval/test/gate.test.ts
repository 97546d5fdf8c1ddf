import { describe, expect, it } from 'vitest';
import { gate } from '../src/index.js';
import { parseEvalResult, safeParseEvalResult } from '@promptpack/spec';
import { repeat, resultOf } from './eval-results.js';

const thresholds = { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 };

describe('gate', () => {
  it('passes at exactly the thresholds (18 of 20 hard, 19 of 20 hard or soft)', () => {
    const result = resultOf({ blocking: [...repeat('hard-pass', 18), 'soft-pass', 'fail'], monitoring: ['fail', 'fail'] });
    const verdict = gate(result, { thresholds });
    expect(verdict).toMatchObject({ passed: true, reasons: [], thresholds });
    expect(verdict.checks.map((check) => [check.rule, check.passed])).toEqual([
      ['hard-pass-rate', true],
      ['pass-rate', true],
      ['errors', true],
    ]);
  });

  it('fails below the hard-pass rate, with the numbers', () => {
    const verdict = gate(resultOf({ blocking: [...repeat('hard-pass', 17), 'soft-pass', 'soft-pass', 'soft-pass'] }), { thresholds });
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual(['Blocking hard-pass rate 85.0% (17 of 20 cases) is below the 90.0% threshold.']);
  });

  it('fails below the pass rate even when the hard-pass rate holds', () => {
    const verdict = gate(resultOf({ blocking: [...repeat('hard-pass', 9), 'fail'] }), { thresholds: { ...thresholds, hardPassRate: 0.8 } });
    expect(verdict.reasons).toEqual(['Blocking pass rate, hard or soft, 90.0% (9 of 10 cases) is below the 95.0% threshold.']);
  });

  it('lists every failing rule at once', () => {
    const verdict = gate(resultOf({ blocking: ['hard-pass', 'fail', 'error'] }), { thresholds, baseline: resultOf({ blocking: ['hard-pass', 'hard-pass', 'hard-pass'] }, { version: '1.0.0' }) });
    expect(verdict.checks.filter((check) => !check.passed).map((check) => check.rule)).toEqual(['hard-pass-rate', 'pass-rate', 'errors', 'baseline-drop']);
    expect(verdict.reasons).toHaveLength(4);
  });

  it('fails closed on any errored run, in any tier, even one that did not change its case', () => {
    const result = resultOf(
      { blocking: repeat('hard-pass', 10), backlog: ['error', 'hard-pass'] },
      { runs: { 'blocking-3': ['hard-pass', 'hard-pass', 'error'] } },
    );
    expect(result.totals.errors).toBe(4);
    const verdict = gate(result, { thresholds });
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual(['4 runs in 2 cases ended in error, so the result is incomplete (fail closed): "blocking-3" (provider/timeout), "backlog-1" (provider/timeout).']);
  });

  it('fails when no blocking case ran', () => {
    const verdict = gate(resultOf({ monitoring: ['hard-pass'] }), { thresholds });
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons[0]).toMatch(/^No blocking case ran/);
  });

  describe('against a baseline', () => {
    const baseline = resultOf({ blocking: [...repeat('hard-pass', 48), 'fail', 'fail'] }, { version: '1.0.0' }); // 96%

    it('allows a drop up to maxDropPoints', () => {
      const verdict = gate(resultOf({ blocking: [...repeat('hard-pass', 47), 'soft-pass', 'soft-pass', 'soft-pass'] }), { thresholds: { ...thresholds, passRate: 0.9 }, baseline }); // 94%
      expect(verdict.passed).toBe(true);
      expect(verdict.baseline).toEqual({ version: '1.0.0', hardPass: 0.96, delta: -2 });
      expect(verdict.checks.at(-1)?.detail).toBe('Blocking hard-pass rate fell 2.0 points against 1.0.0 (96.0% to 94.0%); within the 2 points allowed.');
    });

    it('fails a larger drop even above the absolute threshold', () => {
      const verdict = gate(resultOf({ blocking: [...repeat('hard-pass', 46), ...repeat('soft-pass', 4)] }), { thresholds: { ...thresholds, passRate: 0.9 }, baseline }); // 92%
      expect(verdict.passed).toBe(false);
      expect(verdict.baseline?.delta).toBe(-4);
      expect(verdict.reasons).toEqual(['Blocking hard-pass rate fell 4.0 points against 1.0.0 (96.0% to 92.0%); more than the 2 points allowed.']);
    });

    it('reports a rise', () => {
      const verdict = gate(resultOf({ blocking: repeat('hard-pass', 50) }), { thresholds, baseline });
      expect(verdict).toMatchObject({ passed: true, baseline: { delta: 4 } });
      expect(verdict.checks.at(-1)?.detail).toContain('rose 4.0 points');
    });

    it('refuses a baseline of another prompt', () => {
      const verdict = gate(resultOf({ blocking: repeat('hard-pass', 50) }), { thresholds, baseline: resultOf({ blocking: ['hard-pass'] }, { id: 'support-reply' }) });
      expect(verdict.passed).toBe(false);
      expect(verdict.reasons).toEqual(['The baseline is a result of prompt "support-reply", not "refund-triage".']);
    });
  });
});

describe('parseEvalResult', () => {
  it('accepts a result and its JSON round trip', () => {
    const result = resultOf({ blocking: ['hard-pass'] });
    expect(parseEvalResult(JSON.parse(JSON.stringify(result)))).toEqual(result);
  });

  it.each([
    [null, 'expected an object, found null'],
    [{ specificationVersion: 'promptpack.eval-result/v0' }, 'specificationVersion: expected "promptpack.eval-result/v1", found "promptpack.eval-result/v0"'],
    [{ ...resultOf({ blocking: ['hard-pass'] }), rates: {} }, 'rates.blocking: expected an object with numbers count, hardPass and pass'],
  ])('rejects %j', (value, message) => {
    const parsed = safeParseEvalResult(value);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error).toMatchObject({ code: 'spec/invalid', message: expect.stringContaining(message) });
    expect(() => parseEvalResult(value)).toThrow(message);
  });
});
