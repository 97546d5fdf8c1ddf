// The review server's guards, over plain HTTP: what a hostile page in the
// reviewer's browser (or a rebound DNS name) could try.
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReviewServer, type RunningReviewServer } from '../src/review/review-server.js';
import { hashOf, hostileAnswer, reviewRepo } from './review-fixture.js';

const repo = reviewRepo();
const file = path.join(repo.promptDir, 'reviews.json');
let server: RunningReviewServer;
let port: number;

beforeAll(async () => {
  server = await startReviewServer({
    prompt: { id: 'order-help', version: '1.0.0' },
    reviewer: 'ana',
    file,
    items: [{ caseId: 'no-orders', requestHash: hashOf(2), tier: 'blocking', rubrics: ['</li><script>alert(1)</script>'], answer: hostileAnswer, variables: { question: '"onload=alert(1)' } }],
  });
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  rmSync(repo.root, { recursive: true, force: true });
});

function call(options: { method?: string; path?: string; host?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host: options.host ?? `127.0.0.1:${port}`, ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

async function token(): Promise<string> {
  const page = await call({});
  return /<meta name="review-token" content="([^"]+)">/.exec(page.body)![1]!;
}

describe('review server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('serves the page with a strict policy, every hostile text escaped', async () => {
    const page = await call({});
    expect(page.status).toBe(200);
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))![1]!;
    expect(page.headers['content-security-policy']).toBe(`default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('&lt;script&gt;window.__pwned = true&lt;/script&gt;&lt;/textarea&gt;&lt;img src=x onerror=&quot;window.__pwned = true&quot;&gt;&quot; onload=&quot;window.__pwned = true');
    expect(page.body).toContain('&lt;/li&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('&quot;\\&quot;onload=alert(1)&quot;');
    // The only script element is the page's own, carrying the nonce.
    expect(page.body.match(/<script/g)).toHaveLength(1);
    expect(page.body).toContain(`<script nonce="${nonce}">`);
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    const response = await call({ host: 'attacker.example:80' });
    expect(response.status).toBe(421);
    expect(JSON.parse(response.body).error).toContain('Host "attacker.example:80" is not this review server');
  });

  it('refuses a POST without the session token, or with a wrong one (CSRF)', async () => {
    const body = JSON.stringify({ requestHash: hashOf(2), grade: 'hard' });
    const attempts: Array<Record<string, string>> = [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', 'x-review-token': 'guess' }];
    for (const headers of attempts) {
      const response = await call({ method: 'POST', path: '/verdict', headers, body });
      expect(response.status).toBe(403);
    }
    expect(() => readFileSync(file)).toThrow();
  });

  it('refuses a form post, an unknown answer and a wrong grade, saying what was wrong', async () => {
    const secret = await token();
    const form = await call({ method: 'POST', path: '/verdict', headers: { 'content-type': 'text/plain', 'x-review-token': secret }, body: '{}' });
    expect(form.status).toBe(415);
    const unknown = await call({ method: 'POST', path: '/verdict', headers: { 'content-type': 'application/json', 'x-review-token': secret }, body: JSON.stringify({ requestHash: hashOf(9), grade: 'hard' }) });
    expect(unknown).toMatchObject({ status: 400 });
    expect(JSON.parse(unknown.body).error).toBe(`requestHash "${hashOf(9)}" is not an answer on this page`);
    const grade = await call({ method: 'POST', path: '/verdict', headers: { 'content-type': 'application/json', 'x-review-token': secret }, body: JSON.stringify({ requestHash: hashOf(2), grade: 'great' }) });
    expect(JSON.parse(grade.body).error).toBe('grade must be one of hard, soft, fail, found "great"');
  });

  it('saves a verdict with the token and reports the counts', async () => {
    const response = await call({ method: 'POST', path: '/verdict', headers: { 'content-type': 'application/json', 'x-review-token': await token() }, body: JSON.stringify({ requestHash: hashOf(2), grade: 'fail', note: ' invents an order ' }) });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ saved: { caseId: 'no-orders', grade: 'fail' }, graded: 1, pending: 0 });
    expect(JSON.parse(readFileSync(file, 'utf8')).verdicts[hashOf(2)].ana).toMatchObject({ grade: 'fail', caseId: 'no-orders', note: 'invents an order' });
  });
});
