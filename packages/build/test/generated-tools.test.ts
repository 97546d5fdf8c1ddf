// tools.yaml and streamed output in the artifact a user gets: support-mini
// (which declares two tools) compiled into a scratch folder, its ESM and CJS
// entry points loaded by Node itself.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAndImport, copyFixture, loadFixture, scratchDir, type GeneratedModule } from './temp-build.js';

const scratch = scratchDir();
let esm: GeneratedModule;
let cjs: GeneratedModule;
beforeAll(async () => {
  const dir = copyFixture('support-mini', scratch.dir);
  ({ esm, cjs } = await buildAndImport(loadFixture(dir), dir));
});
afterAll(() => scratch.cleanup());

const variables = { customer: { name: 'Ada', tier: 'pro' }, ticket: { subject: 'Charged twice', body: 'Order A-1 was charged twice.' }, orders: [] };

describe.each(['esm', 'cjs'] as const)('generated %s module', (format) => {
  const load = () => (format === 'esm' ? esm : cjs);

  test('carries the tools as a model request does, in tools.yaml order, frozen', () => {
    const { tools } = load();
    expect(tools.map((tool) => tool.name)).toEqual(['lookup_order', 'issue_refund']);
    expect(tools[0]).toEqual({
      name: 'lookup_order',
      description: "Looks up one of the customer's orders by its number. Call it before saying anything about an order.",
      parameters: {
        type: 'object',
        properties: { orderId: { type: 'string', description: 'The order number, as the customer sees it.', pattern: '^A-[0-9]+$' }, includeItems: { type: 'boolean' } },
        required: ['orderId', 'includeItems'],
        additionalProperties: false,
      },
      strict: true,
    });
    expect(Object.isFrozen(tools) && Object.isFrozen(tools[0])).toBe(true);
    // Every render carries the same list: nothing is copied per request.
    expect(load().render(variables).tools).toBe(tools);
  });

  test('parseToolCall checks a call against its tool, and names what is wrong', () => {
    expect(load().parseToolCall({ id: 'call_1', type: 'function', function: { name: 'issue_refund', arguments: '{"orderId":"A-1","amountCents":1500}' } })).toEqual({
      name: 'issue_refund',
      arguments: { orderId: 'A-1', amountCents: 1500 },
      id: 'call_1',
    });
    const tooMuch = load().safeParseToolCall({ type: 'tool_use', id: 't', name: 'issue_refund', input: { orderId: 'A-1', amountCents: 50_000 } });
    expect(tooMuch.success).toBe(false);
    expect(load().PromptToolCallError.isInstance(tooMuch.error)).toBe(true);
    expect(tooMuch.error?.message).toContain('call.arguments.amountCents');
    const unknown = load().safeParseToolCall({ name: 'refund', arguments: {} });
    expect(unknown.error?.message).toContain('unknown tool "refund"');
  });

  test('parsePartialOutput follows a streaming answer to parseOutput\'s result', () => {
    const answer = '{"decision": "refund", "reply": "We refunded the second charge.", "refundCents": 1500}';
    expect(load().parsePartialOutput('{"decision": "refund", "reply": "We ref')).toEqual({ success: true, data: { decision: 'refund', reply: 'We ref' }, complete: false, completed: ['decision'] });
    expect(load().parsePartialOutput(answer)).toMatchObject({ complete: true, data: load().parseOutput(answer) });
    const wrong = load().safeParsePartialOutput('{"decision": "maybe"');
    expect(load().PromptOutputError.isInstance(wrong.error)).toBe(true);
  });
});
