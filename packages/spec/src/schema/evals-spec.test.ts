import { describe, expect, it } from 'vitest';
import { assertionSchema } from './evals-spec.js';

describe('assertionSchema', () => {
  it.each([
    { type: 'icontains-any', value: ['refund', 'money back'] },
    { type: 'icontains-all', value: ['order', 'status'] },
    { type: 'is-refusal' },
    { type: 'not-is-refusal', description: 'answers an in-scope question' },
  ])('accepts %j', (assertion) => {
    expect(assertionSchema.safeParse(assertion).success).toBe(true);
  });

  it.each([
    { type: 'icontains-any', value: 'refund' },
    { type: 'icontains-all', value: [] },
    { type: 'is-refusal', value: 'sorry' },
  ])('rejects %j', (assertion) => {
    expect(assertionSchema.safeParse(assertion).success).toBe(false);
  });
});
