// The rename that puts a change into effect fails after its audit line was
// written (a full disk, a read-only remount): the line is cut back, so the
// trail never records a change that did not happen, and a retry applies it.
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChangeRecord } from '@promptpack/spec/plain';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fileTarget } from '../src/file-target.js';

const failRename = vi.hoisted(() => ({ next: false }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (failRename.next) {
        failRename.next = false;
        throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
      }
      actual.renameSync(from, to);
    },
  };
});

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-rename-failure-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a failed rename after the audit line', () => {
  it('leaves the flags file and its audit trail as they were, and the retry applies the change', async () => {
    const file = path.join(scratch, 'flags.json');
    const before = `${JSON.stringify({ version: 1, features: [] })}\n`;
    writeFileSync(file, before);
    writeFileSync(`${file}.audit.jsonl`, '{"earlier":"line"}\n');
    const target = fileTarget(file);
    const request = {
      flag: 'prompt.support-reply',
      decide: () => ({ enabled: true, strategies: [] }),
      record: () => ({ flag: 'prompt.support-reply' }) as unknown as ChangeRecord,
    };
    failRename.next = true;
    await expect(target.change(request)).rejects.toThrow(`Cannot replace the flags file ${file}: ENOSPC: no space left on device, rename; nothing was changed.`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readFileSync(`${file}.audit.jsonl`, 'utf8')).toBe('{"earlier":"line"}\n');
    expect(fs.readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    await target.change(request);
    expect(JSON.parse(readFileSync(file, 'utf8')).features).toHaveLength(1);
    expect(readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
