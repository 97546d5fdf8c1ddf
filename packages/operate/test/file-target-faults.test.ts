// The flags file target under faults: an audit trail that cannot be
// written, leftovers of a killed writer, a symlinked file, a hostile depth.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChangeRecord } from '@promptpack/spec/plain';
import { afterAll, describe, expect, it } from 'vitest';
import { fileTarget, readFlagsFile } from '../src/file-target.js';
import { FlagsError } from '../src/flags-error.js';
import type { ChangeRequest } from '../src/target.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-file-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const caseDir = () => mkdtempSync(path.join(scratch, 'case-'));

/** Switches the flag on; "nothing to do" when it already is, as the real commands decide. */
function switchOn(flag = 'prompt.support-reply'): ChangeRequest {
  return {
    flag,
    decide: (current) => {
      if (current?.enabled) throw new FlagsError('flags/nothing-to-do', `${flag} is already on.`);
      return { enabled: true, strategies: [] };
    },
    record: (before, after) => ({ flag, before: { text: String(before?.enabled ?? 'absent') }, after: { text: String(after.enabled) } }) as unknown as ChangeRecord,
  };
}

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('flags file target faults', () => {
  it('an audit line that cannot be written: nothing is applied, and the retry applies the change', async () => {
    const dir = caseDir();
    const file = path.join(dir, 'flags.json');
    mkdirSync(`${file}.audit.jsonl`);
    const target = fileTarget(file);
    await expect(target.change(switchOn())).rejects.toThrow(`Cannot write the audit trail ${file}.audit.jsonl`);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    rmSync(`${file}.audit.jsonl`, { recursive: true });
    await expect(target.change(switchOn())).resolves.toMatchObject({ after: { text: 'true' } });
    expect(readFlagsFile(file).features[0]).toMatchObject({ name: 'prompt.support-reply', enabled: true });
    expect(readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('two writers in one process both land, and a killed writer\'s temporary file is removed (only ours, only beside the file)', async () => {
    const dir = caseDir();
    const file = path.join(dir, 'flags.json');
    const leftover = `.flags.json.${deadPid()}.0-abc123.tmp`;
    const kept = ['.flags.json.notes', 'other.json.1.0-abc.tmp', '.flags.json.tmp'];
    for (const name of [leftover, ...kept]) writeFileSync(path.join(dir, name), 'x');
    const target = fileTarget(file);
    await Promise.all([target.change(switchOn('prompt.a')), target.change(switchOn('prompt.b'))]);
    expect(readFlagsFile(file).features.map((feature) => feature.name).sort()).toEqual(['prompt.a', 'prompt.b']);
    expect(readdirSync(dir).sort()).toEqual([...kept, 'flags.json', 'flags.json.audit.jsonl'].sort());
  });

  it('a flags file that is a symlink is written through to its target; the link stays a link', async () => {
    const dir = caseDir();
    const real = path.join(dir, 'production.json');
    writeFileSync(real, JSON.stringify({ version: 1, features: [] }));
    const link = path.join(dir, 'flags.json');
    symlinkSync('production.json', link);
    await fileTarget(link).change(switchOn());
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('production.json');
    expect(readFlagsFile(real).features[0]).toMatchObject({ enabled: true });
    expect(existsSync(`${real}.audit.jsonl`)).toBe(true);
    expect(readFileSync(`${real}.audit.jsonl`, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  // Line 2 is ` "features": ` then the brackets: with the outer `{` at depth 1, the 64th bracket (column 14 + 63) is level 65.
  it('a 20k-deep flags file: a located error, not a RangeError', () => {
    const file = path.join(caseDir(), 'flags.json');
    writeFileSync(file, `{"version": 1,\n "features": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(() => readFlagsFile(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:77 nests deeper than 64 levels`));
  });
});
