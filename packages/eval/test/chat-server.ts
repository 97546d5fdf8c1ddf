// A local OpenAI-compatible chat-completions (and embeddings) server for tests and benchmarks:
// the real `openai` client talks to it over HTTP on 127.0.0.1. Each request
// gets the next step of a script (an answer, an HTTP error, a broken body, or
// no answer at all), and the server records what it received and how many
// requests were open at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatServerStep =
  /** 200 with a chat completion whose message content is `reply`. */
  | { reply: string; refusal?: undefined; usage?: { prompt_tokens: number; completion_tokens: number }; model?: string; delayMs?: number }
  /** 200 with a structured-output refusal: content null, `refusal` set. */
  | { refusal: string; reply?: undefined; delayMs?: number }
  /** 200 with `tool_calls` (arguments sent as given: a string, as OpenAI does, or anything else a broken server sends) and finish_reason tool_calls; content is `reply`, else null. */
  | { toolCalls: ReadonlyArray<{ id?: string; name: string; arguments: unknown }>; reply?: string; refusal?: undefined; delayMs?: number }
  /** An HTTP error with an OpenAI-style error body unless `body` is given. */
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  /** `body` sent as is (200 and application/json unless told): for malformed responses. */
  | { raw: string; status?: number; contentType?: string; delayMs?: number }
  /** Never answers; the request stays open until the client gives up. */
  | { hang: true };

export interface RecordedRequest {
  /** 0-based, in arrival order. */
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body (undefined when it was not JSON). */
  body: ChatCompletionBody | undefined;
  /** `performance.now()` when the body had arrived. */
  receivedAt: number;
}

export interface ChatCompletionBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  temperature?: number;
  max_tokens?: number;
  seed?: number;
  response_format?: { type: string; json_schema?: { name: string; schema: object; strict?: boolean } };
  [key: string]: unknown;
}

export type ChatServerScript = readonly ChatServerStep[] | ((request: RecordedRequest) => ChatServerStep | Promise<ChatServerStep>);

export interface ChatServerOptions {
  /** A list (step i answers request i) or a function of the request. */
  script: ChatServerScript;
  /** Requests processed at once; more wait in line, as on a saturated model server. Default: no limit. */
  capacity?: number;
}

export interface ChatServer {
  /** The base URL for the client, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** Requests received and not yet answered (or abandoned). */
  readonly inFlight: number;
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let processing = 0;
  const line: Array<() => void> = [];

  const nextStep = async (request: RecordedRequest): Promise<ChatServerStep> => {
    const { script } = options;
    if (typeof script === 'function') return script(request);
    return script[request.index] ?? { status: 500, body: { error: { message: `chat-server: the script has ${script.length} steps; request ${request.index + 1} has none`, type: 'server_error' } } };
  };

  const takeTurn = async () => {
    if (options.capacity === undefined) return;
    if (processing < options.capacity) {
      processing += 1;
      return;
    }
    await new Promise<void>((resolve) => line.push(resolve));
  };
  const endTurn = () => {
    if (options.capacity === undefined) return;
    const next = line.shift();
    if (next) next();
    else processing -= 1;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: ChatCompletionBody | undefined;
    try {
      body = JSON.parse(text) as ChatCompletionBody;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = { index: requests.length, method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, receivedAt: performance.now() };
    requests.push(recorded);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Counted out just before the answer is written, so the client can never
    // have sent its next request while this one still counts as open.
    let open = true;
    const finish = () => {
      if (open) inFlight -= 1;
      open = false;
    };
    res.on('close', finish);
    const end = res.end.bind(res);
    res.end = ((...args: Parameters<ServerResponse['end']>) => {
      finish();
      return end(...args);
    }) as ServerResponse['end'];

    // /embeddings is answered by the script too (a `raw` step with the embeddings body), for `similar`.
    if (req.method !== 'POST' || !(req.url?.endsWith('/chat/completions') || req.url?.endsWith('/embeddings'))) {
      return send(res, 404, { error: { message: `chat-server: no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    }
    await takeTurn();
    try {
      const step = await nextStep(recorded);
      if ('hang' in step) {
        await new Promise<void>((resolve) => res.on('close', resolve));
        return;
      }
      if (step.delayMs) await delay(step.delayMs);
      if (res.destroyed) return;
      if ('raw' in step) {
        res.writeHead(step.status ?? 200, { 'content-type': step.contentType ?? 'application/json' });
        res.end(step.raw);
      } else if ('status' in step) {
        const errorBody = step.body ?? { error: { message: `scripted HTTP ${step.status}`, type: step.status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null, param: null } };
        send(res, step.status, errorBody, step.headers);
      } else {
        send(res, 200, completion(recorded, step));
      }
    } finally {
      endTurn();
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `chat-server: ${(error as Error).message}`, type: 'server_error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

type AnswerStep = Extract<ChatServerStep, { reply: string } | { refusal: string } | { toolCalls: unknown }>;

function completion(request: RecordedRequest, step: AnswerStep) {
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const content = step.reply ?? null;
  const usage =
    ('usage' in step ? step.usage : undefined) ??
    { prompt_tokens: (request.body?.messages ?? []).reduce((sum, message) => sum + words(String(message.content)), 0), completion_tokens: words(content ?? step.refusal ?? '') };
  return {
    id: `chatcmpl-test-${request.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: ('model' in step ? step.model : undefined) ?? request.body?.model ?? 'unknown',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: step.refusal ?? null, ...toolCallsOf(step) }, finish_reason: 'toolCalls' in step ? 'tool_calls' : 'stop', logprobs: null }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function toolCallsOf(step: AnswerStep) {
  if (!('toolCalls' in step)) return {};
  return { tool_calls: step.toolCalls.map((call, index) => ({ id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: call.arguments } })) };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
