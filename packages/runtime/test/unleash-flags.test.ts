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
