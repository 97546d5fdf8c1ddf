// A service on fileFlags must not pay for unleash-client (about 250 ms to
// import here): it is loaded only by unleashFlags, or by a flags file that
// uses what promptpack leaves to it. Checked on the built package, in a
// fresh process, through the CommonJS module cache that unleash-client
// (a CommonJS package) lands in however it is loaded.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const folder = mkdtempSync(path.join(os.tmpdir(), 'promptpack-import-cost-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function loadedAfter(body: string): boolean {
  const script = `
    import { createRequire } from 'node:module';
    const runtime = await import(${JSON.stringify(dist)});
    ${body}
    const cache = Object.keys(createRequire(import.meta.url).cache);
    process.stdout.write(String(cache.some((file) => file.includes('/unleash-client/'))), () => process.exit(0));
  `;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: folder }) === 'true';
}

const flagsFile = (constraint?: object) => {
  const file = path.join(folder, `flags-${constraint ? 'semver' : 'plain'}.json`);
  const strategy = { name: 'flexibleRollout', parameters: { rollout: '100', stickiness: 'default', groupId: 'prompt.x' }, constraints: constraint ? [constraint] : [] };
  writeFileSync(file, JSON.stringify({ version: 2, features: [{ name: 'prompt.x', enabled: true, strategies: [strategy], variants: [] }] }));
  return file;
};

test('importing the runtime and serving from a flags file does not load unleash-client', { timeout: 30_000 }, () => {
  expect(loadedAfter(`const flags = runtime.fileFlags(${JSON.stringify(flagsFile())}, { pollInterval: 0 }); flags.evaluate('prompt.x', { userId: 'u' }); await flags.close();`)).toBe(false);
});

test('a flags file with a SEMVER constraint loads it, on the first evaluation of that flag', { timeout: 30_000 }, () => {
  const file = flagsFile({ contextName: 'version', operator: 'SEMVER_GT', value: '1.0.0' });
  expect(loadedAfter(`const flags = runtime.fileFlags(${JSON.stringify(file)}, { pollInterval: 0 }); await flags.close();`)).toBe(false);
  expect(loadedAfter(`const flags = runtime.fileFlags(${JSON.stringify(file)}, { pollInterval: 0 }); flags.evaluate('prompt.x', { userId: 'u' }); await flags.close();`)).toBe(true);
});

test('unleashFlags loads it', { timeout: 30_000 }, () => {
  expect(loadedAfter(`const flags = runtime.unleashFlags({ url: 'http://127.0.0.1:9/api', appName: 'a', token: 't', metrics: false }); await flags.close();`)).toBe(true);
});
