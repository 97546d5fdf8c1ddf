// Issue: with unleash-client's metrics on (the default), a request evaluated
// in the first `changed` event, or in a continuation started from it, was
// served stable with reason flag-disabled. Ready must mean the source answers.
// The server is a local HTTP endpoint answering /api/client/features on
// 127.0.0.1 (a unit-test double; the e2e tests use a real Unleash).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPromptRuntime, unleashFlags, type AnyPromptModule } from '../src/index.js';
import { canaryFeatures } from './flags-file.js';
import { buildVersions, variables } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
let server: Server;
let url: string;
const metricsPosts: string[] = [];

beforeAll(async () => {
  ({ v1, v2 } = await buildVersions());
  const features = JSON.stringify(canaryFeatures({ flag: 'prompt.order-help', stable: '1.0.0', canary: '1.1.0', percent: 100 }));
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.url?.startsWith('/api/client/features')) {
        response.writeHead(200, { 'content-type': 'application/json', etag: '"1"' }).end(features);
      } else {
        if (request.url?.startsWith('/api/client/metrics')) metricsPosts.push(body);
        response.writeHead(202).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('a request in the first changed event, and in a continuation from it, gets the canary (metrics on)', async () => {
  const flags = unleashFlags({ url, appName: 'support-service', token: 'default:development.secret', refreshInterval: 60_000, metrics: true });
  const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags });
  const seen = await new Promise<{ inEvent: unknown; inContinuation: unknown }>((resolve) => {
    const stop = flags.subscribe((event) => {
      if (event.type !== 'changed' && event.type !== 'ready') return;
      stop();
      const inEvent = runtime.resolve('order-help', { userId: 'u1' });
      void Promise.resolve().then(() => resolve({ inEvent, inContinuation: runtime.resolve('order-help', { userId: 'u1' }) }));
    });
  });
  expect(seen.inEvent).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
  expect(seen.inContinuation).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
  expect(runtime.render('order-help', variables, { userId: 'u2' }).meta.version).toBe('1.1.0');
  await runtime.close();
});
