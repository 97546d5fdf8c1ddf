// The backup file of unleashFlags as Unleash and real disks leave it: nulls
// where Unleash writes them, a file that is not client-features JSON, and a
// backup folder the service cannot write. Each loads, or gives a warning that
// names the file (or folder), the place and what to do; none crashes, and
// none is blamed on the Unleash server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromptRuntime, unleashFlags, type AnyPromptModule, type FlagSource, type FlagSourceEvent, type RuntimeWarning } from '../src/index.js';
import { canaryFeatures } from './flags-file.js';
import { buildVersions } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-unleash-backup-'));
beforeAll(async () => {
  ({ v1, v2 } = await buildVersions());
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const appName = 'support-service';
// Port 9 (discard) is not listened on here: every fetch fails at once, so only the backup can answer.
const offline = { url: 'http://127.0.0.1:9/api', appName, token: 'default:development.secret', refreshInterval: 60_000, metrics: false };
const canary = () => canaryFeatures({ flag: 'prompt.order-help', stable: '1.0.0', canary: '1.1.0', percent: 100 }) as { features: Array<Record<string, any>>; [key: string]: unknown };

function withBackup(data: unknown): { backupDir: string; file: string } {
  const backupDir = mkdtempSync(path.join(scratch, 'backup-'));
  const file = path.join(backupDir, `promptpack-unleash-${appName}.json`);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return { backupDir, file };
}

/** The source's events so far, and a promise of the first one that matches. */
function listen(flags: FlagSource) {
  const events: FlagSourceEvent[] = [];
  const waiting: Array<{ match: (event: FlagSourceEvent) => boolean; resolve: (event: FlagSourceEvent) => void }> = [];
  flags.subscribe((event) => {
    events.push(event);
    for (const wait of waiting.filter((entry) => entry.match(event))) wait.resolve(event);
  });
  const next = (match: (event: FlagSourceEvent) => boolean) => {
    const seen = events.find(match);
    return seen ? Promise.resolve(seen) : new Promise<FlagSourceEvent>((resolve) => waiting.push({ match, resolve }));
  };
  return { events, next };
}

const runtimeOver = (flags: FlagSource, warnings: RuntimeWarning[] = []) =>
  createPromptRuntime({ prompts: { 'order-help': { stable: v1, candidates: [v2] } }, flags, onWarning: (warning) => warnings.push(warning) });

describe('an Unleash backup with the nulls Unleash writes', () => {
  it('loads: null variants, strategies, constraints, segments and a parameterless strategy with parameters null read as empty, without a warning', async () => {
    const data = canary();
    data.segments = null;
    data.features[0]!.variants = null;
    Object.assign(data.features[0]!.strategies[0], { constraints: null, segments: null });
    data.features.push({ name: 'prompt.other', enabled: true, type: 'release', variants: null, strategies: [{ name: 'default', parameters: null, constraints: null, variants: null }] });
    data.features.push({ name: 'prompt.unused', enabled: false, type: 'release', strategies: null });
    const { backupDir } = withBackup(data);
    const flags = unleashFlags({ ...offline, backupDir });
    const { events, next } = listen(flags);
    const runtime = runtimeOver(flags);
    expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
    // unleash-client reads the same backup through the storage provider: it must load there too, not fail as a "Repository error".
    await next((event) => event.type === 'ready');
    await next((event) => event.type === 'error');
    expect(events.filter((event) => event.type === 'warning')).toEqual([]);
    // The only error is the server being unreachable; unleash-client loaded the backup (it said "strategies should be an array" before).
    const errors = events.filter((event) => event.type === 'error').map((event) => event.message);
    expect(errors.length).toBeGreaterThan(0);
    for (const message of errors) expect(message).toMatch(/failed, reason: connect ECONNREFUSED 127\.0\.0\.1:9\. Serving the last known flags until it recovers\.$/);
    expect(runtime.resolve('order-help', { userId: 'u1' }).version).toBe('1.1.0');
    await runtime.close();
  });

  it('warns, naming the file and the strategy, when a flexibleRollout has parameters null (it matches nobody, as in Unleash)', async () => {
    const data = canary();
    data.features[0]!.strategies[0].parameters = null;
    const { backupDir, file } = withBackup(data);
    const flags = unleashFlags({ ...offline, backupDir });
    const { next } = listen(flags);
    const warnings: RuntimeWarning[] = [];
    const runtime = runtimeOver(flags, warnings);
    expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.0.0', reason: 'flag-disabled' });
    const expected = `Unleash backup ${file}: features[0] ("prompt.order-help").strategies[0].parameters is null; a flexibleRollout strategy without parameters matches nobody, as Unleash evaluates it, so the flag serves stable until the next fetch replaces the backup.`;
    expect((await next((event) => event.type === 'warning')).message).toBe(expected);
    expect(warnings.map((warning) => warning.message)).toContain(expected);
    await runtime.close();
  });
});

describe('an Unleash backup that is not client-features JSON', () => {
  for (const [what, contents, problem] of [
    ['a null feature', JSON.stringify({ version: 2, features: [canary().features[0], null] }), 'is not Unleash client-features JSON: features[1] must be an object'],
    ['cut off mid-write by another tool', '{"version":2,"features":[{"name":"prompt.order-help",', 'is not valid JSON'],
  ] as const) {
    it(`${what}: ignored with a located warning about the backup, stable served, nothing thrown`, async () => {
      const { backupDir, file } = withBackup(contents);
      const flags = unleashFlags({ ...offline, backupDir });
      const { next } = listen(flags);
      const runtime = runtimeOver(flags);
      expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.0.0', reason: 'source-not-ready' });
      const warning = await next((event) => event.type === 'warning');
      expect(warning.message.startsWith(`Unleash backup ${file}`)).toBe(true);
      expect(warning.message).toContain(problem);
      expect(warning.message).toMatch(/It is ignored: stable versions are served until the first fetch from Unleash, which rewrites it; delete the file if no fetch succeeds\.$/);
      await runtime.close();
    });
  }
});

describe('a backup folder the service cannot write', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const features = JSON.stringify(canary());
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(features));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the fetched flags and warns, naming the folder and what to do; no error blames Unleash', async () => {
    // A folder under a regular file: mkdir fails even for root, as a read-only mount would.
    const blocker = path.join(scratch, 'not-a-folder');
    writeFileSync(blocker, '');
    const backupDir = path.join(blocker, 'backup');
    const flags = unleashFlags({ ...offline, url, backupDir });
    const { events, next } = listen(flags);
    const runtime = runtimeOver(flags);
    const warning = await next((event) => event.type === 'warning');
    expect(warning.message).toMatch(new RegExp(`^Cannot write the Unleash backup in ${backupDir.replace(/[.]/g, '\\.')} \\(ENOTDIR: .*\\)\\. Flags from Unleash are still served, but a restart while Unleash is down will serve stable versions until the first fetch: make .* a folder this service can write, or leave backupDir out\\.$`));
    await next((event) => event.type === 'changed');
    expect(runtime.resolve('order-help', { userId: 'u1' })).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    await runtime.close();
  });
});
