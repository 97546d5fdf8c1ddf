import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderReviewPage, reviewPagePolicy, type ReviewItem } from '@promptpack/report';
import { reviewGrades, type ReviewGrade } from '@promptpack/spec';
import { saveVerdict } from './reviews-store.js';

export interface ReviewServerOptions {
  prompt: { id: string; version: string };
  reviewer: string;
  items: ReviewItem[];
  /** The reviews.json written on every grade. */
  file: string;
  /** 0 (the default) picks a free one. */
  port?: number;
}

export interface RunningReviewServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const maxBody = 64 * 1024;

/**
 * The review page's server, on 127.0.0.1 only. Three guards, because any
 * web page the reviewer has open can send requests to localhost: a Host
 * header other than this address is refused (DNS rebinding: a hostile name
 * resolved to 127.0.0.1 still carries its own name), a POST needs the
 * random token of this session (CSRF: other origins cannot read the page
 * that carries it), and a POST's body must be JSON (which a cross-site form
 * cannot send without a CORS preflight this server never grants).
 */
export function startReviewServer(options: ReviewServerOptions): Promise<RunningReviewServer> {
  const token = randomBytes(32).toString('base64url');
  const items = new Map(options.items.map((item) => [item.requestHash, item]));
  let allowedHosts = new Set<string>();
  // One write at a time from this server; the file lock orders writes between servers.
  let writes: Promise<unknown> = Promise.resolve();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: `the review server failed: ${error instanceof Error ? error.message : String(error)}` }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      send(response, 421, { error: `Host "${request.headers.host ?? ''}" is not this review server; open ${[...allowedHosts][0]} itself.` });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' && request.method === 'GET') {
      const nonce = randomBytes(18).toString('base64');
      const page = renderReviewPage({ prompt: options.prompt, reviewer: options.reviewer, token, nonce, items: [...items.values()] });
      response.writeHead(200, { ...securityHeaders, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': reviewPagePolicy(nonce) });
      response.end(page);
      return;
    }
    if (url.pathname !== '/verdict') {
      send(response, 404, { error: `no page ${url.pathname}; the review page is /` });
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, { error: 'POST a verdict to /verdict' }, { allow: 'POST' });
      return;
    }
    if (!sameToken(request.headers['x-review-token'], token)) {
      send(response, 403, { error: 'missing or wrong x-review-token: reload the page this server serves' });
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      send(response, 415, { error: 'send the verdict as application/json' });
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      send(response, 413, { error: `the verdict is larger than ${maxBody} bytes` });
      return;
    }
    const verdict = checkVerdict(body, items);
    if ('error' in verdict) {
      send(response, 400, verdict);
      return;
    }
    const item = items.get(verdict.requestHash)!;
    const write = writes.then(() =>
      saveVerdict(options.file, options.prompt.id, { requestHash: verdict.requestHash, reviewer: options.reviewer, grade: verdict.grade, caseId: item.caseId, ...(verdict.note ? { note: verdict.note } : {}) }),
    );
    writes = write.catch(() => undefined);
    await write;
    item.grade = verdict.grade;
    if (verdict.note) item.note = verdict.note;
    else delete item.note;
    const graded = [...items.values()].filter((entry) => entry.grade !== undefined).length;
    send(response, 200, { saved: { caseId: item.caseId, grade: verdict.grade }, graded, pending: items.size - graded });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      resolve({
        url: `http://127.0.0.1:${port}/`,
        server,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

const securityHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cross-origin-resource-policy': 'same-origin' };

function send(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function checkVerdict(body: string, items: ReadonlyMap<string, ReviewItem>): { requestHash: string; grade: ReviewGrade; note?: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { error: 'the verdict is not JSON' };
  }
  const { requestHash, grade, note } = (value ?? {}) as { requestHash?: unknown; grade?: unknown; note?: unknown };
  if (typeof requestHash !== 'string' || !items.has(requestHash)) return { error: `requestHash ${JSON.stringify(requestHash)} is not an answer on this page` };
  if (typeof grade !== 'string' || !(reviewGrades as readonly string[]).includes(grade)) return { error: `grade must be one of ${reviewGrades.join(', ')}, found ${JSON.stringify(grade)}` };
  if (note !== undefined && (typeof note !== 'string' || note.length > 4000)) return { error: 'note must be text of at most 4000 characters' };
  const trimmed = typeof note === 'string' ? note.trim() : '';
  return { requestHash, grade: grade as ReviewGrade, ...(trimmed ? { note: trimmed } : {}) };
}
