import { describe, expect, it } from 'vitest';
import { openAIStrictness } from '../src/openai/index.js';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: 'object', properties, required: Object.keys(properties), additionalProperties: false, ...extra });

describe('openAIStrictness', () => {
  it('allows an object whose every property is required, closed, with supported keywords', () => {
    const schema = object({
      decision: { type: 'string', enum: ['approve', 'deny'] },
      amount: { type: 'integer', minimum: 1, maximum: 50000 },
      tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 3 },
      note: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
    });
    expect(openAIStrictness(schema)).toEqual({ strict: true, reasons: [] });
  });

  it.each([
    ['an optional property', object({ a: { type: 'string' } }, { required: [] }), '/: every property must be required; optional: a'],
    ['an open object', object({ a: { type: 'string' } }, { additionalProperties: true }), '/: an object needs additionalProperties: false'],
    ['a nested open object', object({ inner: { type: 'object', properties: {}, required: [] } }), '/properties/inner: an object needs additionalProperties: false'],
    ['minLength', object({ a: { type: 'string', minLength: 1 } }), '/properties/a: minLength is not supported'],
    ['an unsupported format', object({ a: { type: 'string', format: 'uri' } }), '/properties/a: format "uri" is not supported'],
    ['a string root', { type: 'string' }, '/: the root must be an object (type: object), not "string"'],
    ['an anyOf root', { anyOf: [object({})] }, '/: the root must be an object (type: object), not anyOf'],
    ['a slash in a name', object({ 'a/b': { type: 'string', maxLength: 3 } }), '/properties/a~1b: maxLength is not supported'],
  ])('refuses %s, saying where', (_label, schema, reason) => {
    const strictness = openAIStrictness(schema);
    expect(strictness.strict).toBe(false);
    expect(strictness.reasons).toContain(reason);
  });

  it('refuses nesting deeper than 10 levels', () => {
    let schema: Record<string, unknown> = object({ leaf: { type: 'string' } });
    for (let level = 0; level < 10; level += 1) schema = object({ child: schema });
    const strictness = openAIStrictness(schema);
    expect(strictness.strict).toBe(false);
    expect(strictness.reasons.join('\n')).toMatch(/nested 11 levels deep; at most 10/);
  });

  it('answers the same object for the same schema (the walk runs once)', () => {
    const schema = object({ a: { type: 'string' } });
    expect(openAIStrictness(schema)).toBe(openAIStrictness(schema));
  });
});
