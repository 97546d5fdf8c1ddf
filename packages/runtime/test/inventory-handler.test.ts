import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptRuntime, inventoryHandler, staticFlags, writeInventoryFile } from '../src/index.js';

// Structural prompt modules: the inventory reads manifests only.
const version = (v: string, contentHash: string) => ({
  manifest: { id: 'support-reply', name: '@acme/prompt-support-reply', version: v, contentHash, variables: { type: 'object', properties: {} } },
  render: () => ({ messages: [], meta: {} }),
});
const runtime = createPromptRuntime({ prompts: { 'support-reply': { stable: version('1.0.0', 'hash-100'), candidates: [version('1.1.0', 'hash-110')] } }, flags: staticFlags({}) });
const expected = {
  specificationVersion: 'promptpack.inventory/v1',
  service: 'support-service',
  prompts: [
    {
      id: 'support-reply',
      name: '@acme/prompt-support-reply',
      stable: '1.0.0',
      versions: [
        { version: '1.0.0', contentHash: 'hash-100' },
        { version: '1.1.0', contentHash: 'hash-110' },
      ],
    },
  ],
};

let server: Server;
let base: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-inventory-'));
beforeAll(async () => {
  const inventory = inventoryHandler(runtime, { service: 'support-service' });
  server = createServer((request, response) => {
    if (inventory(request, response)) return;
    response.writeHead(404).end('service route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await runtime.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('inventoryHandler', () => {
  it('answers GET /.well-known/promptpack with what the runtime has installed', async () => {
    const response = await fetch(`${base}/.well-known/promptpack?fresh=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(expected);
  });

  it('leaves every other path to the service, and refuses other methods', async () => {
    expect(await (await fetch(`${base}/render`)).text()).toBe('service route');
    const post = await fetch(`${base}/.well-known/promptpack`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('writeInventoryFile', () => {
  it('writes the same document, atomically (no temporary file is left), creating the folder', () => {
    const file = path.join(scratch, 'run/inventory.json');
    writeInventoryFile(runtime, file, { service: 'support-service' });
    writeInventoryFile(runtime, file, { service: 'support-service' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expected);
    expect(readdirSync(path.dirname(file))).toEqual(['inventory.json']);
  });
});
