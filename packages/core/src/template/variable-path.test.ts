import { describe, expect, it } from 'vitest';
import { itemPath, propertyPath, withPrefixes } from './variable-path.js';

describe('variable paths', () => {
  it('marks every prefix of a used path', () => {
    expect(withPrefixes('orders[].lines[].sku')).toEqual(['orders', 'orders[]', 'orders[].lines', 'orders[].lines[]', 'orders[].lines[].sku']);
    expect(withPrefixes('customer')).toEqual(['customer']);
  });

  it('builds child paths from the variables object down', () => {
    expect(propertyPath('', 'customer')).toBe('customer');
    expect(propertyPath('orders[]', 'id')).toBe('orders[].id');
    expect(itemPath('orders')).toBe('orders[]');
    // Values the template makes up (@index, literals) have no declared path, nor do their parts.
    expect(propertyPath(undefined, 'x')).toBeUndefined();
    expect(itemPath(undefined)).toBeUndefined();
  });
});
