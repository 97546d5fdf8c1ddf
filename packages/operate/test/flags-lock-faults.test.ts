// The lock's failure cases: a lock path that is not a lock file, and a lock
// left by another host. Each gives up with an error that says what to do.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { foreignLockReportMs, withFileLock } from '../src/file-lock.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-lock-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const flagsFile = () => path.join(mkdtempSync(path.join(scratch, 'case-')), 'flags.json');

describe('flags file lock faults', () => {
  it('a lock path that is a directory: gives up at the deadline, naming it and how to remove it', async () => {
    const file = flagsFile();
    mkdirSync(`${file}.lock`);
    let ran = false;
    await expect(
      withFileLock(file, () => (ran = true), { timeoutMs: 200 }),
    ).rejects.toThrow(`The lock file ${file}.lock exists but cannot be read (EISDIR`);
    expect(ran).toBe(false);
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  it('a lock from another host older than the bound: reported at once with how to remove it, never taken over', async () => {
    const file = flagsFile();
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: 4242, host: 'build-host-7', command: 'promptpack flags canary', since: '2026-01-01T00:00:00Z' }));
    const old = (Date.now() - foreignLockReportMs - 60_000) / 1000;
    utimesSync(lock, old, old);
    // A deadline far beyond the test's timeout: only an immediate report passes.
    const attempt = withFileLock(file, () => 'ran', { timeoutMs: 600_000 });
    await expect(attempt).rejects.toThrow(/locked by PID 4242 on another host, build-host-7 .* never taken over automatically/);
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining(`rm ${lock}`) });
    expect(existsSync(lock)).toBe(true);
  }, 10_000);

  it('a recent lock from another host is waited for like any live holder', async () => {
    const file = flagsFile();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4242, host: 'build-host-7', command: 'promptpack flags kill', since: new Date().toISOString() }));
    await expect(withFileLock(file, () => 'ran', { timeoutMs: 100 })).rejects.toThrow(/locked by PID 4242 on build-host-7 \(promptpack flags kill/);
  });
});
