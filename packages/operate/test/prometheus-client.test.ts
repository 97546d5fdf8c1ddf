// The Prometheus client's failures, against a local server that answers
// what a broken setup answers (a proxy's login page, a 502, a hang). The
// real Prometheus is exercised in scripts/prometheus/prometheus.test.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusClient } from '../src/prometheus-client.js';
import { PrometheusError } from '../src/prometheus-error.js';

let server: Server;
let base: string;
let answer: (request: IncomingMessage, response: ServerResponse) => void;
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request);
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const json = (status: number, body: unknown) => (_: IncomingMessage, response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

async function failure(run: () => Promise<unknown>): Promise<PrometheusError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof PrometheusError) return error;
    throw error;
  }
  throw new Error('expected a PrometheusError');
}

describe('prometheusClient', () => {
  it('reads an instant vector, sends the query and the evaluation time', async () => {
    answer = json(200, { status: 'success', data: { resultType: 'vector', result: [{ metric: { promptpack_prompt_version: '1.1.0' }, value: [1764633600, '12'] }, { metric: {}, value: [1764633600, 'NaN'] }] } });
    const samples = await prometheusClient({ url: `${base}/` }).query('sum(up)', new Date('2026-12-01T00:00:00.500Z'));
    expect(samples[0]).toEqual({ labels: { promptpack_prompt_version: '1.1.0' }, time: 1764633600, value: 12 });
    expect(samples[1]!.value).toBeNaN();
    const url = new URL(seen.at(-1)!.url!, base);
    expect(url.pathname).toBe('/api/v1/query');
    expect(url.searchParams.get('query')).toBe('sum(up)');
    expect(url.searchParams.get('time')).toBe('1796083200.500');
  });

  it('a scalar is one sample without labels', async () => {
    answer = json(200, { status: 'success', data: { resultType: 'scalar', result: [1764633600, '4.5'] } });
    expect(await prometheusClient({ url: base }).query('time() - 1')).toEqual([{ labels: {}, time: 1764633600, value: 4.5 }]);
  });

  it('a bad query: Prometheus\'s own error, with the query', async () => {
    answer = json(400, { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' });
    const error = await failure(() => prometheusClient({ url: base }).query('sum('));
    expect(error.problem).toBe('query');
    expect(error.message).toBe(`Prometheus at ${base}/api/v1/query rejected the query: bad_data: 1:5: parse error: unexpected end of input (query: sum().`);
  });

  it('an HTML login page with 200: a bad response naming the URL and the content type, not the body', async () => {
    answer = (_, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>sign in, session=s3cr3t</html>');
    };
    const error = await failure(() => prometheusClient({ url: base }).query('up'));
    expect(error.problem).toBe('bad-response');
    expect(error.message).toMatch(/answered HTTP 200 with text\/html that is not the Prometheus API's JSON/);
    expect(error.message).not.toMatch(/s3cr3t/);
  });

  it('a 502 from a proxy: the status', async () => {
    answer = (_, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('bad gateway');
    };
    const error = await failure(() => prometheusClient({ url: base }).query('up'));
    expect(error.message).toBe(`Prometheus at ${base}/api/v1/query answered HTTP 502 with text/plain; check the URL points at Prometheus itself (query: up).`);
  });

  it('no answer in time: says how long it waited', async () => {
    answer = () => undefined;
    const error = await failure(() => prometheusClient({ url: base, timeoutMs: 200 }).query('up'));
    expect(error.problem).toBe('unreachable');
    expect(error.message).toMatch(/did not answer within 200 ms \(query: up\)\.$/);
  });

  it('nothing listening: unreachable, with the network cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(() => prometheusClient({ url: `http://127.0.0.1:${port}` }).query('up'));
    expect(error.message).toBe(`Prometheus at http://127.0.0.1:${port}/api/v1/query cannot be reached (ECONNREFUSED) (query: up).`);
  });

  it('user:password in the URL is sent as basic auth and never shown; a bearer token likewise', async () => {
    answer = json(500, { status: 'nope' });
    const url = base.replace('http://', 'http://ops:pa%40ss@');
    const client = prometheusClient({ url });
    expect(client.displayUrl).toBe(base);
    const error = await failure(() => client.query('up{job="pa@ss"}'));
    expect(seen.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from('ops:pa@ss').toString('base64')}`);
    expect(error.message).not.toMatch(/pa@ss|pa%40ss/);
    await failure(() => prometheusClient({ url: base, bearerToken: 'tok-123' }).query('tok-123'));
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer tok-123');
  });

  it('a --prometheus that is not a URL', async () => {
    const error = await failure(async () => prometheusClient({ url: 'localhost:9090' }).query('up'));
    expect(error.message).toMatch(/^--prometheus is not an http\(s\) URL: "localhost:9090"\. Example: --prometheus http:\/\/127\.0\.0\.1:9090$/);
  });
});
