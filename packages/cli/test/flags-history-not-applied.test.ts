// `flags history` after a writer was killed between its audit line and the
// rename: the row is marked NOT APPLIED and a note says why (operate's
// file-target-killed-writer test kills a real writer; this one reads the
// trail it leaves).
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { capture } from './capture-io.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-not-applied-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('flags history of a change that never landed', () => {
  it('marks the row NOT APPLIED and explains it in a note; the change before it reads as done', async () => {
    const dir = mkdtempSync(path.join(scratch, 'case-'));
    const file = path.join(dir, 'flags.json');
    const inventory = path.join(dir, 'inventory.json');
    writeFileSync(inventory, JSON.stringify({ service: 'svc', prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] }));
    const run = async (...args: string[]) => {
      const io = capture();
      const code = await main(['flags', ...args], io, { env: { USER: 'oncall' }, cwd: dir });
      return { code, io };
    };
    expect((await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'first', '--force', '--file', file, '--inventory', inventory)).code).toBe(0);
    // What a killed writer leaves: a line that starts from the file as it is and wrote one that never replaced it.
    const landed = JSON.parse(readFileSync(`${file}.audit.jsonl`, 'utf8').trim());
    const now = `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;
    expect(landed.fileHashes).toEqual({ before: null, after: now });
    appendFileSync(`${file}.audit.jsonl`, `${JSON.stringify({ ...landed, reason: 'killed', fileHashes: { before: now, after: 'sha256:never-written' } })}\n`);

    const { code, io } = await run('history', 'support-reply', '--file', file);
    expect(code).toBe(0);
    const rows = io.stdout.join('\n').split('\n').slice(2);
    expect(rows).toHaveLength(2);
    expect(rows[0]).not.toContain('NOT APPLIED');
    expect(rows[1]).toMatch(/NOT APPLIED .*killed/);
    expect(io.stderr).toEqual([`note: ${file}.audit.jsonl:2: canary 1.1.0 10% never took effect: the flags file is still as it was before this change (the writer stopped between its audit line and the rename); run the command again if it is still wanted.`]);
  });
});
