// The real Verdaccio: start, reuse, refuse a busy port, stop by PID.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ping, type RunningRegistry, RegistryError, startRegistry } from './registry.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-registry-'));
let registry: RunningRegistry | undefined;

afterAll(async () => {
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

test('starts on a free port, is reused when already running, refuses a busy port, stops by PID', { timeout: 60_000 }, async () => {
  const dir = path.join(tmp, 'one');
  registry = await startRegistry({ dir, port: 0 });
  expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  expect(registry.reused).toBe(false);
  expect(await ping(registry.url)).toBe(true);
  expect(existsSync(path.join(dir, 'verdaccio.pid'))).toBe(true);

  const again = await startRegistry({ dir, port: 0 });
  expect(again).toMatchObject({ reused: true, pid: registry.pid, url: registry.url });

  const busy = startRegistry({ dir: path.join(tmp, 'two'), port: registry.port });
  await expect(busy).rejects.toThrow(RegistryError);
  await expect(busy).rejects.toThrow(`Port ${registry.port} on 127.0.0.1 is already in use`);

  await registry.stop();
  expect(await ping(registry.url)).toBe(false);
  expect(() => process.kill(registry?.pid ?? 0, 0)).toThrow();
  expect(existsSync(path.join(dir, 'verdaccio.pid'))).toBe(false);
  registry = undefined;
});
