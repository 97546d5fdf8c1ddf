import { afterEach, describe, expect, it } from 'vitest';
import { openaiProvider, type ProviderRequest, type ToolDefinition } from '../src/index.js';
import { startChatServer, type ChatServer, type ChatServerScript } from './chat-server.js';

const tools: ToolDefinition[] = [
  {
    name: 'lookup_order',
    description: 'Looks an order up by its id.',
    parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'], additionalProperties: false },
    strict: true,
  },
  { name: 'issue_refund', description: 'Refunds an order.', parameters: { type: 'object', properties: { orderId: { type: 'string' }, note: { type: 'string' } }, required: ['orderId'], additionalProperties: false } },
];
const request: ProviderRequest = { model: 'test-model', messages: [{ role: 'user', content: 'Where is A-1?' }], tools };

let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function complete(script: ChatServerScript, sent: ProviderRequest = request) {
  server = await startChatServer({ script });
  return openaiProvider({ baseURL: server.url, apiKey: 'test-key', env: {}, maxRetries: 0 }).complete(sent);
}

describe('openaiProvider with tools, against a local chat-completions server', () => {
  it('sends the tools as chat-completions functions, strict only where declared', async () => {
    await complete([{ reply: 'Hello' }]);
    expect(server?.requests[0]?.body?.tools).toEqual([
      { type: 'function', function: { name: 'lookup_order', description: 'Looks an order up by its id.', parameters: tools[0]!.parameters, strict: true } },
      { type: 'function', function: { name: 'issue_refund', description: 'Refunds an order.', parameters: tools[1]!.parameters } },
    ]);
  });

  it('sends no tools key for a prompt without tools', async () => {
    const { tools: _none, ...withoutTools } = request;
    await complete([{ reply: 'Hello' }], withoutTools);
    expect(server?.requests[0]?.body).not.toHaveProperty('tools');
  });

  it('reads tool calls with parsed arguments and finish_reason tool_calls; the text is empty when the model only called tools', async () => {
    const response = await complete([
      {
        toolCalls: [
          { id: 'call_a', name: 'lookup_order', arguments: '{"orderId":"A-1"}' },
          { id: 'call_b', name: 'issue_refund', arguments: '{"orderId":"A-1","note":"late"}' },
        ],
      },
    ]);
    expect(response.text).toBe('');
    expect(response.finishReason).toBe('tool_calls');
    expect(response.toolCalls).toEqual([
      { id: 'call_a', name: 'lookup_order', arguments: { orderId: 'A-1' } },
      { id: 'call_b', name: 'issue_refund', arguments: { orderId: 'A-1', note: 'late' } },
    ]);
  });

  it('keeps the text beside the tool calls when the model wrote both', async () => {
    const response = await complete([{ reply: 'Let me check.', toolCalls: [{ name: 'lookup_order', arguments: '{"orderId":"A-1"}' }] }]);
    expect(response).toMatchObject({ text: 'Let me check.', toolCalls: [{ name: 'lookup_order', arguments: { orderId: 'A-1' } }] });
  });

  it('keeps arguments that are not JSON raw instead of failing the request', async () => {
    const response = await complete([{ toolCalls: [{ id: 'call_a', name: 'lookup_order', arguments: '{"orderId": "A-1"' }] }]);
    expect(response.toolCalls).toEqual([{ id: 'call_a', name: 'lookup_order', unparsedArguments: '{"orderId": "A-1"' }]);
  });

  it('reads arguments a compatible server sends as an object, and reports no tool calls when there are none', async () => {
    const response = await complete([{ toolCalls: [{ id: 'call_a', name: 'lookup_order', arguments: { orderId: 'A-1' } }] }, { reply: 'Hi' }]);
    expect(response.toolCalls).toEqual([{ id: 'call_a', name: 'lookup_order', arguments: { orderId: 'A-1' } }]);
    const plain = await openaiProvider({ baseURL: server!.url, apiKey: 'test-key', env: {}, maxRetries: 0 }).complete(request);
    expect(plain.toolCalls).toBeUndefined();
    expect(plain.text).toBe('Hi');
  });

  it('keeps a __proto__ key in the arguments as data, without touching Object.prototype', async () => {
    const response = await complete([{ toolCalls: [{ id: 'call_a', name: 'issue_refund', arguments: '{"__proto__":{"polluted":true},"orderId":"A-1"}' }] }]);
    const args = response.toolCalls?.[0]?.arguments as Record<string, unknown>;
    expect(Object.hasOwn(args, '__proto__')).toBe(true);
    expect(args.orderId).toBe('A-1');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
