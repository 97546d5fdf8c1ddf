// Concurrent writers of one flags file: the lock around read-modify-write,
// stale-lock takeover, and the atomic write.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';
import { withFileLock } from '../src/file-lock.js';
import { summarize } from '../src/flag-state.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const writer = path.join(import.meta.dirname, 'flags-writer.ts');
const workers = 8;
const updates = 20;

function setup(): string {
  const dir = mkdtempSync(path.join(scratch, 'case-'));
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify({ service: 'svc', prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] }));
  writeFileSync(path.join(dir, 'eval.json'), JSON.stringify(completeEvalRecord({ prompt: { version: '1.1.0', contentHash: 'h2' } })));
  return dir;
}

function runWriter(worker: number, dir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, String(worker), String(updates), dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

describe('flags file under concurrent writers', () => {
  it(`${workers} processes × ${updates} canary updates: the file parses, ${workers * updates} well-formed audit lines, the last state is one that was written`, { timeout: 120_000 }, async () => {
    const dir = setup();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: workers }, (_, worker) => runWriter(worker, dir)));
    const elapsed = performance.now() - started;
    expect(results.map((result) => result.stderr).join('')).toBe('');
    expect(results.map((result) => result.code)).toEqual(Array(workers).fill(0));

    const data = JSON.parse(readFileSync(path.join(dir, 'flags.json'), 'utf8'));
    expect(data.features).toHaveLength(1);
    const lines = readFileSync(path.join(dir, 'flags.json.audit.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(workers * updates);
    const records = lines.map((line) => JSON.parse(line));
    const written = new Set(records.map((record) => record.after.text));
    expect(written.size).toBe(workers * updates);
    // Each record's `before` is the previous record's `after`: no update was lost between read and write.
    records.slice(1).forEach((record, index) => expect(record.before.text).toBe(records[index].after.text));
    const last = summarize({ name: 'file', enabled: data.features[0].enabled, strategies: data.features[0].strategies });
    expect(last.text).toBe(records.at(-1).after.text);
    expect(existsSync(path.join(dir, 'flags.json.lock'))).toBe(false);
    console.log(`${workers} writers × ${updates} updates through @promptpack/operate in ${(elapsed / 1000).toFixed(1)} s`);
  });

  it('takes over a lock whose holder is dead, and names a live holder when it gives up', async () => {
    const dir = setup();
    const file = path.join(dir, 'flags.json');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid, host: os.hostname(), command: 'crashed', since: '2026-01-01T00:00:00Z' }));
    expect(await withFileLock(file, () => 'ran')).toBe('ran');
    expect(existsSync(`${file}.lock`)).toBe(false);

    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'promptpack flags canary', since: '2026-01-01T00:00:00Z' }));
    await expect(withFileLock(file, () => 'ran', { timeoutMs: 100 })).rejects.toThrow(new RegExp(`locked by PID ${process.pid} on .* \\(promptpack flags canary, since 2026-01-01T00:00:00Z\\)`));
    rmSync(`${file}.lock`);
  });
});
