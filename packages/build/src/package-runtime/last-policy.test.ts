import { describe, expect, test } from 'vitest';
import { createLastPolicy, lastPolicyText, rememberPolicy } from './last-policy.js';

const names = ['company', 'team'];

describe('the last system message', () => {
  test('is nothing until a text is remembered', () => {
    expect(lastPolicyText(createLastPolicy(), names, { company: 'Acme', team: 'Support' })).toBeUndefined();
  });

  test('answers for the very values it was rendered from, and for no others', () => {
    const last = createLastPolicy();
    rememberPolicy(last, names, { company: 'Acme', team: 'Support' }, 'You support Acme (Support).');
    expect(lastPolicyText(last, names, { company: 'Acme', team: 'Support', question: 'not read by the policy' })).toBe('You support Acme (Support).');
    expect(lastPolicyText(last, names, { company: 'Acme', team: 'Sales' })).toBeUndefined();
    expect(lastPolicyText(last, names, { company: 'Acme' })).toBeUndefined();
  });

  test('tells 1 from "1", and an empty text from none', () => {
    const last = createLastPolicy();
    rememberPolicy(last, ['count'], { count: 1 }, '');
    expect(lastPolicyText(last, ['count'], { count: 1 })).toBe('');
    expect(lastPolicyText(last, ['count'], { count: '1' })).toBeUndefined();
  });

  test('never remembers an object: the same object may hold other values next time', () => {
    const last = createLastPolicy();
    const customer = { tier: 'pro' };
    rememberPolicy(last, ['customer'], { customer }, 'Plan: pro');
    customer.tier = 'free';
    expect(lastPolicyText(last, ['customer'], { customer })).toBeUndefined();
  });

  test('forgets the previous text when the new values hold an object', () => {
    const last = createLastPolicy();
    rememberPolicy(last, ['company'], { company: 'Acme' }, 'You support Acme.');
    rememberPolicy(last, ['company'], { company: ['Acme'] }, 'You support Acme.');
    expect(lastPolicyText(last, ['company'], { company: 'Acme' })).toBeUndefined();
  });
});
