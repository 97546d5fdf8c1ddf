// A writer killed with SIGKILL after its audit line is flushed and before the
// rename that puts the change into effect: the trail then holds a line for a
// change that never landed. Each line carries the hashes of the flags file
// before and after its change, so history marks that line instead of
// presenting it as done, rollback ignores it, and the retry lands normally.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';
import { applyChange } from '../src/change.js';
import { loadContext } from '../src/context.js';
import { flagHistory } from '../src/history.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-killed-writer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const writer = path.join(import.meta.dirname, 'flags-writer.ts');

function setup(): string {
  const dir = mkdtempSync(path.join(scratch, 'case-'));
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify({ service: 'svc', prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] }));
  writeFileSync(path.join(dir, 'eval.json'), JSON.stringify(completeEvalRecord({ prompt: { version: '1.1.0', contentHash: 'h2' } })));
  return dir;
}

/** One canary update in a child process that kills itself with SIGKILL right after the audit line. */
function runKilledWriter(dir: string): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, '0', '1', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PROMPTPACK_TEST_CRASH_POINT: 'after-audit-line' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('close', (_code, signal) => resolve({ signal, stderr }));
  });
}

const options = (dir: string) => ({ file: path.join(dir, 'flags.json'), project: 'default', services: [], inventories: [path.join(dir, 'inventory.json')], evalResults: [path.join(dir, 'eval.json')], serviceDirs: [] });

describe('a writer killed between the audit line and the rename', () => {
  it('leaves a line history marks as never landed; the retry lands and is not marked', { timeout: 60_000 }, async () => {
    const dir = setup();
    const file = path.join(dir, 'flags.json');
    const before = `${JSON.stringify({ version: 1, features: [] })}\n`;
    writeFileSync(file, before);

    const killed = await runKilledWriter(dir);
    expect(killed).toEqual({ signal: 'SIGKILL', stderr: '' });
    // The change did not land, but its line is there, and the flushed temporary file too.
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);

    const context = await loadContext(options(dir), {}, dir);
    const afterKill = await flagHistory(context, 'support-reply', { all: false });
    expect(afterKill.entries.map((entry) => entry.landed)).toEqual([false]);
    expect(afterKill.notes).toEqual([`${file}.audit.jsonl:1: canary 1.1.0 0.1% never took effect: the flags file is still as it was before this change (the writer stopped between its audit line and the rename); run the command again if it is still wanted.`]);

    const retry = await applyChange(context, { command: 'canary', id: 'support-reply', version: '1.1.0', percent: 0.1, tenants: [] }, { reason: 'retry', actor: 'operator', force: false }, () => {});
    expect(retry.changed).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).features).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const afterRetry = await flagHistory(await loadContext(options(dir), {}, dir), 'support-reply', { all: false });
    expect(afterRetry.entries.map((entry) => [entry.reason, entry.landed])).toEqual([
      ['writer 0 update 0', false],
      ['retry', true],
    ]);
  });

  it('does not blame the writer for a hand edit made after a change that landed', async () => {
    const dir = setup();
    const file = path.join(dir, 'flags.json');
    writeFileSync(file, `${JSON.stringify({ version: 1, features: [] })}\n`);
    const context = await loadContext(options(dir), {}, dir);
    await applyChange(context, { command: 'canary', id: 'support-reply', version: '1.1.0', percent: 5, tenants: [] }, { reason: 'landed', actor: 'operator', force: false }, () => {});
    writeFileSync(file, readFileSync(file, 'utf8').replace('"enabled": true', '"enabled": false'));
    const history = await flagHistory(await loadContext(options(dir), {}, dir), 'support-reply', { all: false });
    expect(history.entries.map((entry) => entry.landed)).toEqual([undefined]);
    expect(history.notes).toEqual([]);
  });
});
