import { describe, expect, it } from 'vitest';
import { majorityOutcome, scoreRun, type Assertion, type AssertionContext } from '../src/index.js';
import type { CaseOutcome } from '@promptpack/spec';

const context = (text: string): AssertionContext => ({ text, latencyMs: 10, outputSchema: null });
const contains = (value: string): Assertion => ({ type: 'contains', value });
const notContains = (value: string): Assertion => ({ type: 'not-contains', value });

describe('scoreRun', () => {
  it('hard-passes when every hard assertion holds, without checking soft ones', () => {
    expect(scoreRun({ assert: [contains('A-1')], soft: [contains('never')] }, context('Order A-1 shipped'))).toEqual({ outcome: 'hard-pass', failures: [] });
  });

  it('soft-passes when a hard one fails and every soft one holds', () => {
    const result = scoreRun({ assert: [contains('shipped'), contains('A-1')], soft: [contains('on its way')] }, context('A-1 is on its way'));
    expect(result.outcome).toBe('soft-pass');
    expect(result.failures).toEqual([{ assertion: 'contains', soft: false, reason: 'does not contain "shipped"' }]);
  });

  it('fails when a soft one fails too, listing hard then soft failures', () => {
    const result = scoreRun({ assert: [{ ...contains('shipped'), description: 'says the status' }], soft: [contains('on its way'), contains('A-1')] }, context('A-1 is lost'));
    expect(result.outcome).toBe('fail');
    expect(result.failures).toEqual([
      { assertion: 'contains', soft: false, reason: 'does not contain "shipped"', description: 'says the status' },
      { assertion: 'contains', soft: true, reason: 'does not contain "on its way"' },
    ]);
  });

  it('fails when a hard one fails and there are no soft ones', () => {
    expect(scoreRun({ assert: [contains('shipped')] }, context('lost')).outcome).toBe('fail');
    expect(scoreRun({ assert: [contains('shipped')], soft: [] }, context('lost')).outcome).toBe('fail');
  });

  it('in a refusal case, never lets soft assertions rescue leaked content', () => {
    const evalCase = { refusal: true, assert: [notContains('Sarajevo'), contains("can't")], soft: [contains('history')] };
    const leak = scoreRun(evalCase, context('A history essay: it began in Sarajevo...'));
    expect(leak.outcome).toBe('fail');
    expect(leak.failures.map((failure) => failure.reason)).toEqual(['contains "Sarajevo" at line 1, column 30 (refusal case: not rescued by soft assertions)', 'does not contain "can\'t"']);
    // A reworded refusal without the leak is still rescued.
    expect(scoreRun(evalCase, context('I will not write history homework for you.')).outcome).toBe('soft-pass');
    // Without the flag the same leak is an ordinary soft pass.
    expect(scoreRun({ ...evalCase, refusal: false }, context('A history essay: Sarajevo')).outcome).toBe('soft-pass');
  });

  it('turns an assertion that throws into a failure', () => {
    const result = scoreRun({ assert: [{ type: 'regex', value: '(' }] }, context('x'));
    expect(result.outcome).toBe('fail');
    expect(result.failures[0]?.reason).toMatch(/^the assertion itself failed: Invalid regular expression/);
  });
});

describe('majorityOutcome', () => {
  const table: Array<[CaseOutcome[], CaseOutcome]> = [
    [['hard-pass', 'hard-pass', 'hard-pass'], 'hard-pass'],
    [['hard-pass', 'hard-pass', 'fail'], 'hard-pass'],
    [['hard-pass', 'fail', 'fail'], 'fail'],
    [['hard-pass', 'soft-pass', 'fail'], 'soft-pass'],
    [['soft-pass', 'soft-pass', 'hard-pass'], 'soft-pass'],
    [['soft-pass', 'fail', 'fail'], 'fail'],
    [['hard-pass'], 'hard-pass'],
    [['fail'], 'fail'],
    // Ties go down: half is not a majority.
    [['hard-pass', 'fail'], 'fail'],
    [['hard-pass', 'hard-pass', 'soft-pass', 'fail'], 'soft-pass'],
    // An error that cannot change the majority does not change the outcome...
    [['hard-pass', 'hard-pass', 'error'], 'hard-pass'],
    [['fail', 'fail', 'error'], 'fail'],
    [['hard-pass', 'hard-pass', 'hard-pass', 'fail', 'error'], 'hard-pass'],
    // ...one that could makes the case an error.
    [['hard-pass', 'fail', 'error'], 'error'],
    [['hard-pass', 'soft-pass', 'error'], 'error'],
    [['error', 'error', 'error'], 'error'],
    [['error'], 'error'],
    [[], 'error'],
  ];
  it.each(table)('%j is %s', (outcomes, expected) => {
    expect(majorityOutcome(outcomes)).toBe(expected);
  });

  it('does not depend on the order of the runs', () => {
    expect(majorityOutcome(['fail', 'soft-pass', 'hard-pass'])).toBe(majorityOutcome(['hard-pass', 'soft-pass', 'fail']));
    expect(majorityOutcome(['error', 'hard-pass', 'hard-pass'])).toBe('hard-pass');
  });
});
