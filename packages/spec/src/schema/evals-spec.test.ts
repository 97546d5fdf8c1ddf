import { describe, expect, it } from 'vitest';
import { assertionSchema, evalManifestSchema } from './evals-spec.js';

describe('assertionSchema', () => {
  it.each([
    { type: 'icontains-any', value: ['refund', 'money back'] },
    { type: 'icontains-all', value: ['order', 'status'] },
    { type: 'is-refusal' },
    { type: 'not-is-refusal', description: 'answers an in-scope question' },
    { type: 'equals', value: { decision: 'approve', amounts: [1, 2] } },
    { type: 'equals', value: 42 },
    { type: 'not-equals', value: 'approve' },
    { type: 'not-contains-any', value: ['password'] },
    { type: 'contains-json', value: { type: 'object', properties: { label: { type: 'string' } } } },
    { type: 'word-count', value: 50 },
    { type: 'word-count', value: { min: 20 } },
    { type: 'not-word-count', value: { min: 2, max: 2 } },
    { type: 'finish-reason', value: 'stop' },
    { type: 'levenshtein', value: 'Paris', threshold: 2 },
    { type: 'latency', threshold: 5000 },
    { type: 'cost', threshold: 0.002 },
    { type: 'tool-called', name: 'lookup_order' },
    { type: 'tool-called', name: 'issue_refund', arguments: { orderId: 'A-1', amountCents: 1200, lines: [{ sku: 'x' }] } },
    { type: 'tool-called', name: 'issue_refund', schema: { type: 'object', properties: { amountCents: { type: 'integer', maximum: 50000 } } } },
    { type: 'not-tool-called' },
    { type: 'not-tool-called', name: 'issue_refund' },
    { type: 'is-valid-openai-tools-call' },
    { type: 'not-is-valid-openai-tools-call', description: 'answers in text' },
    { type: 'llm-rubric', value: 'Apologises and gives the new date.' },
    { type: 'llm-rubric', value: 'Is polite.', threshold: 0.8 },
    { type: 'similar', value: 'It shipped.' },
    { type: 'similar', value: ['It shipped.', 'It is on its way.'], threshold: 0.9 },
    { type: 'not-similar', value: "I can't help.", threshold: -0.2 },
  ])('accepts %j', (assertion) => {
    expect(assertionSchema.safeParse(assertion).success).toBe(true);
  });

  it.each([
    { type: 'icontains-any', value: 'refund' },
    { type: 'icontains-all', value: [] },
    { type: 'is-refusal', value: 'sorry' },
    { type: 'equals', value: null },
    { type: 'contains-json', value: { type: 'object' } },
    { type: 'word-count', value: -1 },
    { type: 'word-count', value: 2.5 },
    { type: 'finish-reason', value: '' },
    { type: 'levenshtein', value: 'Paris', threshold: -1 },
    { type: 'tool-called' },
    { type: 'tool-called', name: 'lookup order' },
    { type: 'tool-called', name: 'lookup_order', arguments: ['A-1'] },
    { type: 'tool-called', name: 'lookup_order', schema: { type: 'object' } },
    { type: 'tool-called', name: 'lookup_order', value: 'A-1' },
    { type: 'not-tool-called', name: '' },
    { type: 'is-valid-openai-tools-call', value: true },
    { type: 'llm-rubric' },
    { type: 'llm-rubric', value: '' },
    { type: 'llm-rubric', value: 'x'.repeat(8001) },
    { type: 'llm-rubric', value: 'Is polite.', threshold: 1.5 },
    { type: 'similar', value: [] },
    { type: 'similar', value: 'It shipped.', threshold: 2 },
    { type: 'not-similar', value: 'x', rubric: 'y' },
  ])('rejects %j', (assertion) => {
    expect(assertionSchema.safeParse(assertion).success).toBe(false);
  });
});

describe('assertionSchema errors say what to do, at the key that is wrong', () => {
  it.each([
    [{ type: 'latency', value: 5000 }, ['value'], 'latency takes threshold (milliseconds), as in promptfoo: rename value to threshold'],
    [{ type: 'cost', value: 0.01 }, ['value'], 'cost takes threshold (US dollars), as in promptfoo: rename value to threshold'],
    [{ type: 'word-count', value: { min: 80, max: 20 } }, ['value'], 'min must not be more than max'],
    [{ type: 'word-count', value: {} }, ['value'], 'a word-count range gives min, max or both'],
  ])('%j', (assertion, path, message) => {
    const issues = assertionSchema.safeParse(assertion).error?.issues ?? [];
    expect(issues).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });
});

describe('evalManifestSchema judge', () => {
  const cases = [{ id: 'a', variables: {}, assert: [{ type: 'llm-rubric', value: 'Is polite.' }] }];

  it('takes the judge model, an OpenAI-compatible base URL and the embedding model', () => {
    const parsed = evalManifestSchema.parse({ cases, judge: { model: 'gpt-4o', baseUrl: 'http://127.0.0.1:11434/v1', embeddingModel: 'text-embedding-3-small' } });
    expect(parsed.judge).toEqual({ model: 'gpt-4o', baseUrl: 'http://127.0.0.1:11434/v1', embeddingModel: 'text-embedding-3-small' });
  });

  it.each([{ model: '' }, { baseUrl: 'ftp://models.example/v1' }, { baseUrl: 'not a url' }, { apiKey: 'sk-...' }, { baseUrl: 'https://judge:s3cret@models.example/v1' }, { baseUrl: 'http://token@127.0.0.1:11434/v1' }])('rejects judge %j', (judge) => {
    expect(evalManifestSchema.safeParse({ cases, judge }).success).toBe(false);
  });

  it('names the credentials in a judge.baseUrl, which would be published in dist/evals.json, and where they are', () => {
    const result = evalManifestSchema.safeParse({ cases, judge: { baseUrl: 'https://judge:s3cret@models.example/v1' } });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['judge', 'baseUrl'], message: expect.stringMatching(/credentials \(user:password@\).*OPENAI_API_KEY/) })]);
    expect(result.error?.issues[0]?.message).not.toContain('s3cret');
  });

  it('takes an @ after the host, which is part of the path, not credentials', () => {
    expect(evalManifestSchema.parse({ cases, judge: { baseUrl: 'https://models.example/v1/@team' } }).judge?.baseUrl).toBe('https://models.example/v1/@team');
  });
});
