import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAndImport, copyFixture, loadFixture, scratchDir, type GeneratedModule } from './temp-build.js';

// safeRender and safeParseOutput are what a service calls on untrusted input:
// whatever they are given, they return a result, and the messages they build stay short.
const scratch = scratchDir();
let prompt: GeneratedModule;

beforeAll(async () => {
  const dir = copyFixture('support-mini', scratch.dir);
  ({ esm: prompt } = await buildAndImport(loadFixture(dir), dir));
});
afterAll(() => scratch.cleanup());

const valid = { customer: { name: 'Ada', tier: 'pro' }, ticket: { subject: 'S', body: 'B' }, orders: [] };

function deeplyNested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

// Written out: JSON.stringify itself gives up on such depth.
const nestedJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('safeRender never throws', () => {
  const inputs: Array<[string, () => unknown]> = [
    ['a getter that throws', () => ({ ...valid, get customer() { throw new Error('boom'); } })],
    // Where an enum value belongs, the message previews the value received.
    ['a cyclic object', () => { const cyclic: Record<string, unknown> = { a: 1 }; cyclic.self = cyclic; return { ...valid, customer: { name: 'Ada', tier: cyclic } }; }],
    ['a BigInt', () => ({ ...valid, customer: { name: 'Ada', tier: 10n } })],
    ['a deeply nested enum value', () => ({ ...valid, customer: { name: 'Ada', tier: deeplyNested(100_000) } })],
    ['a BigInt at the root', () => 10n],
    ['a deeply nested value', () => ({ ...valid, ticket: deeplyNested(100_000) })],
    ['a revoked proxy', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; }],
  ];

  test.each(inputs)('%s comes back as a PromptVariablesError', (_name, input) => {
    const result = prompt.safeRender(input());
    expect(result.success).toBe(false);
    expect(prompt.PromptVariablesError.isInstance(result.error)).toBe(true);
    expect(result.error!.message.length).toBeLessThan(2000);
  });

  test('render throws the same PromptVariablesError for a throwing getter, not the getter\'s error', () => {
    const input = { ...valid, get customer() { throw new Error('boom'); } };
    expect(() => prompt.render(input)).toThrow(/the variables cannot be read \(boom\)/);
  });

  test('a cyclic or BigInt value is previewed briefly, without serialising it', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(prompt.safeRender({ ...valid, customer: { name: 'Ada', tier: cyclic } }).error!.message).toContain('variables.customer.tier: expected one of "free" | "pro" | "enterprise", received {"a":1,"self":{"a":1,"self":{...}}}');
    expect(prompt.safeRender({ ...valid, customer: { name: 'Ada', tier: 10n } }).error!.message).toContain('received 10n');
  });
});

describe('safeParseOutput never throws', () => {
  test('an answer nested 200,000 deep is an issue, not a RangeError', () => {
    const text = `{"decision":${nestedJson(200_000)},"reply":"ok"}`;
    const result = prompt.safeParseOutput(text);
    expect(result.success).toBe(false);
    expect(prompt.PromptOutputError.isInstance(result.error)).toBe(true);
    expect(() => prompt.parseOutput(text)).toThrow(prompt.PromptOutputError);
  });

  test('a deeply nested value where a string belongs is previewed briefly', () => {
    const result = prompt.safeParseOutput(`{"decision":"reply","reply":${nestedJson(200_000)}}`);
    expect(result.error!.message).toContain('output.reply: expected string, received array');
  });

  test('previews of huge values and texts stay short', () => {
    const long = 'x'.repeat(1_000_000);
    const wrong = prompt.safeParseOutput(JSON.stringify({ decision: long, reply: 'ok' }));
    expect(wrong.error!.message).toContain('received "xxxxxxxx');
    expect(wrong.error!.message.length).toBeLessThan(1000);
    const notJson = prompt.safeParseOutput(`{${long}`);
    expect(notJson.error!.message.length).toBeLessThan(1000);
  });
});
