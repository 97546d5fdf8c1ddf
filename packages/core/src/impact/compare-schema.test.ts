import { describe, expect, it } from 'vitest';
import type { ObjectNode } from '@promptpack/spec';
import { compareSchema } from './compare-schema.js';

// The loader refuses these names; compareSchema is public API, so it must still
// not mistake Object.prototype's members for declared properties.
describe('compareSchema with JavaScript\'s own member names', () => {
  const before: ObjectNode = { type: 'object', properties: { reply: { type: 'string' } }, required: ['reply'] };

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('an added optional output field %s is a minor addition', (name) => {
    const after: ObjectNode = { ...before, properties: { ...before.properties, [name]: { type: 'string' } } };
    expect(compareSchema(before, after, 'output')).toEqual([{ bump: 'minor', path: name, summary: `output field "${name}" added, optional` }]);
  });

  it('a removed variable constructor is a major removal', () => {
    const withConstructor: ObjectNode = { ...before, properties: { ...before.properties, constructor: { type: 'string' as const } } };
    expect(compareSchema(withConstructor, before, 'input')).toEqual([{ bump: 'major', path: 'constructor', summary: 'variable "constructor" removed' }]);
  });
});

describe('compareSchema and order', () => {
  const output: ObjectNode = { type: 'object', properties: { decision: { type: 'string' }, reply: { type: 'string' } }, required: ['decision'] };

  it('reordered output properties are a patch: the model receives them in the new order', () => {
    const reordered: ObjectNode = { ...output, properties: { reply: { type: 'string' }, decision: { type: 'string' } } };
    expect(compareSchema(output, reordered, 'output')).toEqual([{ bump: 'patch', summary: 'properties of output reordered (reply, decision)' }]);
  });

  it('reordered variables change nothing: no model sees their schema', () => {
    const reordered: ObjectNode = { ...output, properties: { reply: { type: 'string' }, decision: { type: 'string' } } };
    expect(compareSchema(output, reordered, 'input')).toEqual([]);
  });
});
