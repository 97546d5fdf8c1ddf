import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptRuntime, unleashFlags, type AnyPromptModule, type FlagSourceEvent } from '../src/index.js';
import { canaryFeatures } from './flags-file.js';
import { buildVersions, variables } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
let deadUrl: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-unleash-'));

beforeAll(async () => {
  ({ v1, v2 } = await buildVersions());
  // A loopback port nobody listens on: connections are refused at once.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  deadUrl = `http://127.0.0.1:${port}/api`;
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const options = () => ({ url: deadUrl, appName: 'support-service', token: 'default:development.secret', refreshInterval: 50, metrics: false });

describe('unleashFlags with the server down', () => {
  it('serves stable on the first request and reports the outage, without throwing', async () => {
    const flags = unleashFlags(options());
    const errors: FlagSourceEvent[] = [];
    const failed = new Promise<void>((resolve) => flags.subscribe((event) => event.type === 'error' && (errors.push(event), resolve())));
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags });
    expect(runtime.render('order-help', variables, { userId: 'u1' }).meta).toMatchObject({ version: '1.0.0', reason: 'source-not-ready' });
    await failed;
    expect(errors[0]!.message).toMatch(new RegExp(`Unleash at ${deadUrl.replace(/[.]/g, '\\.')}: .*Serving stable versions until it recovers`));
    expect(runtime.render('order-help', variables, { userId: 'u1' }).meta.version).toBe('1.0.0');
    await runtime.close();
  });

  it('serves the last known flags from a backup at once', async () => {
    const backupDir = path.join(scratch, 'backup');
    mkdirSync(backupDir, { recursive: true });
    // The backup unleash-client would have written on the last successful fetch.
    writeFileSync(path.join(backupDir, 'promptpack-unleash-support-service.json'), JSON.stringify(canaryFeatures({ flag: 'prompt.order-help', stable: '1.0.0', canary: '1.1.0', percent: 100 })));
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: unleashFlags({ ...options(), backupDir }) });
    expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
    await runtime.close();
  });

  it('serves a bootstrap file at once when there is no backup', async () => {
    const bootstrapFile = path.join(scratch, 'bootstrap.json');
    writeFileSync(bootstrapFile, JSON.stringify(canaryFeatures({ flag: 'prompt.order-help', stable: '1.0.0', canary: '1.1.0', percent: 100 })));
    const runtime = createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags: unleashFlags({ ...options(), bootstrapFile }) });
    expect(runtime.resolve('order-help', { userId: 'u1' }).version).toBe('1.1.0');
    await runtime.close();
  });
});

describe('unleashFlags when the server comes back', () => {
  // A minimal flag endpoint that answers like Unleash (the flags, then 304
  // while the client's ETag is current), in its own process so the outage is
  // real: the process is killed by PID and started again on the same port.
  const endpoint = `
    const features = process.env.FEATURES;
    require('node:http').createServer((request, response) => {
      if (request.headers['if-none-match'] === '"same"') response.writeHead(304).end();
      else response.writeHead(200, { 'content-type': 'application/json', etag: '"same"' }).end(features);
    }).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
  `;
  const features = JSON.stringify(canaryFeatures({ flag: 'prompt.order-help', stable: '1.0.0', canary: '1.1.0', percent: 100 }));
  const startEndpoint = async (port: number) => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', endpoint], { env: { ...process.env, FEATURES: features, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`flag endpoint exited with ${code}`)));
    });
    return child;
  };
  const stopEndpoint = (child: import('node:child_process').ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  it('reports the recovery even when the flags did not change', async () => {
    const port = Number(new URL(deadUrl).port);
    let endpointProcess = await startEndpoint(port);
    const flags = unleashFlags({ ...options(), url: `http://127.0.0.1:${port}/api` });
    const seen = (predicate: (event: FlagSourceEvent) => boolean) =>
      new Promise<void>((resolve) => {
        const stop = flags.subscribe((event) => {
          if (!predicate(event)) return;
          queueMicrotask(() => stop());
          resolve();
        });
      });
    try {
      await seen((event) => event.type === 'ready');
      await stopEndpoint(endpointProcess);
      await seen((event) => event.type === 'error');
      // Flags survive the outage.
      expect(flags.evaluate('prompt.order-help', { userId: 'u1' })).toMatchObject({ status: 'variant', variant: '1.1.0' });
      const recovered = seen((event) => event.type === 'changed' && /reachable again; flags unchanged/.test(event.message));
      endpointProcess = await startEndpoint(port);
      await recovered;
      expect(flags.evaluate('prompt.order-help', { userId: 'u1' })).toMatchObject({ status: 'variant', variant: '1.1.0' });
    } finally {
      await flags.close();
      await stopEndpoint(endpointProcess);
    }
  }, 20_000);
});
