import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

describe('closest', () => {
  it('finds typos, including swapped letters', () => {
    expect(closest('custmer', ['customer', 'orders'])).toBe('customer');
    expect(closest('nmae', ['name', 'tier'])).toBe('name');
    expect(editDistance('nmae', 'name')).toBe(1);
  });

  it('suggests nothing when no candidate is plausibly meant', () => {
    expect(closest('invoice', ['customer', 'orders'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});
