// The openai client itself, pointed at a local fake server: what reaches the
// wire is what the adapters built, after the SDK's own handling.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError } from '../src/index.js';
import { toOpenAIChat, toOpenAIResponses } from '../src/openai/index.js';
import { startFakeServer, type FakeServer } from './fake-server.js';
import { buildTestPrompts, renderAgentCase, renderFirstCase, type AgentPrompt, type StructuredPrompt, type TextPrompt } from './prompts.js';

const answer = { decision: 'approve', amountCents: 4999, reason: 'duplicate' };
let server: FakeServer;
let client: OpenAI;
let refundTriage: StructuredPrompt;
let supportReply: TextPrompt;
let orderAgent: AgentPrompt;

// What the fake model calls when it is offered tools: a refund, as the SDK returns it.
const refundCall = { orderId: 'A-17', amountCents: 2500, reason: 'damaged' };

beforeAll(async () => {
  ({ refundTriage, supportReply, orderAgent } = await buildTestPrompts('openai'));
  server = await startFakeServer((request) =>
    hasTools(request.body) ? toolCallAnswer(request.path) : request.path.endsWith('/responses')
      ? {
          id: 'resp_1', object: 'response', created_at: 0, status: 'completed', model: 'gpt-4o-mini', error: null, incomplete_details: null,
          output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: JSON.stringify(answer), annotations: [] }] }],
        }
      : {
          id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'gpt-4o-mini',
          choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer), refusal: null }, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        },
  );
  client = new OpenAI({ apiKey: 'test-key', baseURL: `${server.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => server?.close());

const lastBody = () => server.requests.at(-1)!.body as Record<string, unknown>;

function hasTools(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'tools' in body;
}

function toolCallAnswer(path: string): unknown {
  const call = { name: 'issue_refund', arguments: JSON.stringify(refundCall) };
  return path.endsWith('/responses')
    ? {
        id: 'resp_2', object: 'response', created_at: 0, status: 'completed', model: 'gpt-4o-mini', error: null, incomplete_details: null,
        output: [{ type: 'function_call', id: 'fc_1', call_id: 'call_1', status: 'completed', ...call }],
      }
    : {
        id: 'chatcmpl-2', object: 'chat.completion', created: 0, model: 'gpt-4o-mini',
        choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: call }] }, finish_reason: 'tool_calls', logprobs: null }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      };
}

describe('tools and chat history', () => {
  it("toOpenAIChat sends tools.yaml's tools as function tools and the history turns in order; the call parses with the package", async () => {
    const result = renderAgentCase(orderAgent);
    const completion = await client.chat.completions.create(toOpenAIChat(result));

    const body = lastBody();
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'lookup_order', description: result.tools![0]!.description, parameters: result.tools![0]!.parameters, strict: true } },
      // No strict in tools.yaml: none on the wire, the API's default (false) applies.
      { type: 'function', function: { name: 'issue_refund', description: result.tools![1]!.description, parameters: result.tools![1]!.parameters } },
    ]);
    expect((body.messages as unknown[]).slice(3, 5)).toEqual([
      { role: 'user', content: 'Where is order A-17?' },
      { role: 'assistant', content: 'Order A-17 was delivered on Monday.' },
    ]);
    expect(body.messages).toEqual(result.messages.map(({ role, content }) => ({ role, content })));
    const [toolCall] = completion.choices[0]!.message.tool_calls!;
    expect(orderAgent.parseToolCall(toolCall)).toMatchObject({ name: 'issue_refund', arguments: refundCall });
  });

  it('toOpenAIResponses sends flat function tools, strict always explicit (the API would default it to true)', async () => {
    const result = renderAgentCase(orderAgent);
    const response = await client.responses.create(toOpenAIResponses(result));

    expect(lastBody().tools).toEqual([
      { type: 'function', name: 'lookup_order', description: result.tools![0]!.description, parameters: result.tools![0]!.parameters, strict: true },
      { type: 'function', name: 'issue_refund', description: result.tools![1]!.description, parameters: result.tools![1]!.parameters, strict: false },
    ]);
    expect(lastBody().input).toEqual(result.messages.map(({ role, content }) => ({ role, content })));
    const call = response.output.find((item) => item.type === 'function_call');
    expect(orderAgent.parseToolCall(call)).toMatchObject({ name: 'issue_refund', arguments: refundCall });
  });

  it('sends no tools for a prompt without tools.yaml', async () => {
    await client.chat.completions.create(toOpenAIChat(renderFirstCase(supportReply)));
    expect(lastBody()).not.toHaveProperty('tools');
    await client.responses.create(toOpenAIResponses(renderFirstCase(supportReply)));
    expect(lastBody()).not.toHaveProperty('tools');
  });
});

describe('toOpenAIChat', () => {
  it('sends the rendered messages, max_completion_tokens and a strict json_schema response_format', async () => {
    const result = renderFirstCase(refundTriage);
    const completion = await client.chat.completions.create(toOpenAIChat(result, { output: refundTriage }));

    expect(server.requests.at(-1)!.path).toBe('/v1/chat/completions');
    expect(lastBody()).toEqual({
      model: 'gpt-4o-mini',
      messages: result.messages.map(({ role, content }) => ({ role, content })),
      max_completion_tokens: 120,
      temperature: 0,
      seed: 7,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'refund-triage', schema: refundTriage.outputJsonSchema, strict: true, description: 'The triage decision. Exactly these three keys.' },
      },
    });
    expect(lastBody()).not.toHaveProperty('max_tokens');
    // The answer the fake model gave parses with the package's own schema.
    expect(refundTriage.outputSchema.parse(JSON.parse(completion.choices[0]!.message.content!))).toEqual(answer);
  });

  it('sends free text without response_format, and the model the caller names', async () => {
    const result = renderFirstCase(supportReply);
    await client.chat.completions.create(toOpenAIChat(result, { model: 'gpt-4.1' }));

    expect(lastBody()).toEqual({ model: 'gpt-4.1', messages: result.messages.map(({ role, content }) => ({ role, content })), max_completion_tokens: 600, temperature: 0.3 });
    expect(result.messages[0]!.role).toBe('system');
  });

  it('picks the output schema of the version served from every installed version', () => {
    const result = renderFirstCase(refundTriage);
    const older = { id: 'refund-triage', version: '0.9.0', outputJsonSchema: { type: 'object', properties: {}, required: [], additionalProperties: false } };
    const request = toOpenAIChat(result, { output: [older, refundTriage] });
    expect(request.response_format).toMatchObject({ json_schema: { schema: refundTriage.outputJsonSchema } });
  });

  it('refuses an output schema from another version, saying which versions it got', () => {
    const result = renderFirstCase(refundTriage);
    const older = { id: 'refund-triage', version: '0.9.0', outputJsonSchema: { type: 'object' } };
    const error = catchError(() => toOpenAIChat(result, { output: older }));
    expect(AdapterError.isInstance(error) && error.code).toBe('adapters/output-version-mismatch');
    expect((error as Error).message).toContain(`refund-triage@${refundTriage.version}, but { output } is refund-triage@0.9.0`);
  });

  it('refuses, from JavaScript, a package without an output schema and a string in place of a result', () => {
    const result = renderFirstCase(supportReply);
    const noOutput = catchError(() => toOpenAIChat(result, { output: supportReply as never }));
    expect(AdapterError.isInstance(noOutput) && noOutput.code).toBe('adapters/no-output-schema');
    const notResult = catchError(() => toOpenAIChat('Hello' as never));
    expect(AdapterError.isInstance(notResult) && notResult.code).toBe('adapters/invalid-render-result');
    expect((notResult as AdapterError).hint).toContain('render()');
  });
});

describe('toOpenAIResponses', () => {
  it('sends the messages as input, max_output_tokens and a strict json_schema text.format', async () => {
    const result = renderFirstCase(refundTriage);
    const response = await client.responses.create(toOpenAIResponses(result, { output: refundTriage }));

    expect(server.requests.at(-1)!.path).toBe('/v1/responses');
    expect(lastBody()).toEqual({
      model: 'gpt-4o-mini',
      input: result.messages.map(({ role, content }) => ({ role, content })),
      max_output_tokens: 120,
      temperature: 0,
      text: { format: { type: 'json_schema', name: 'refund-triage', schema: refundTriage.outputJsonSchema, strict: true, description: 'The triage decision. Exactly these three keys.' } },
    });
    expect(JSON.parse(response.output_text)).toEqual(answer);
  });

  it('sends strict: false for a schema outside the strict subset', () => {
    const result = renderFirstCase(refundTriage);
    const loose = { id: 'refund-triage', version: refundTriage.version, outputJsonSchema: { type: 'object', properties: { note: { type: 'string', minLength: 1 } }, required: [], additionalProperties: false } };
    expect(toOpenAIResponses(result, { output: loose }).text).toMatchObject({ format: { strict: false } });
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
