// `flags history` on a terminal: control characters in --reason and --actor
// are shown escaped (an ANSI escape or a carriage return cannot recolour the
// table or hide the FORCED marker); the audit record keeps them verbatim.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import type { Io } from '../src/output.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-print-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(dir: string, ...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: false, err: false } };
  const code = await main(['flags', ...args], io, { env: { USER: 'oncall' }, cwd: dir });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('flags history prints control characters escaped', () => {
  it('an erase-line escape and a carriage return in --reason and --actor: escaped on screen, verbatim in the record', async () => {
    const dir = mkdtempSync(path.join(scratch, 'case-'));
    const file = path.join(dir, 'flags.json');
    const inventory = { service: 'svc', prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable: '1.0.0', versions: [{ version: '1.0.0', contentHash: 'h1' }, { version: '1.1.0', contentHash: 'h2' }] }] };
    writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify(inventory));
    // No eval record for 1.1.0: the change needs --force, so history shows FORCED.
    const reason = 'routine\r\u001b[2Kall evals passed';
    const actor = 'mallory\u001b[8m';
    const changed = await run(dir, 'canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', reason, '--actor', actor, '--force', '--file', file, '--inventory', path.join(dir, 'inventory.json'));
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('recorded: mallory\\x1b[8m, "routine\\x0d\\x1b[2Kall evals passed"');

    const history = await run(dir, 'history', 'support-reply', '--file', file);
    expect(history.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(history.stdout).toContain('mallory\\x1b[8m');
    expect(history.stdout).toMatch(/FORCED \(eval-missing\) routine\\x0d\\x1b\[2Kall evals passed/);

    const record = JSON.parse(readFileSync(`${file}.audit.jsonl`, 'utf8').trim());
    expect(record).toMatchObject({ reason, actor });
  });
});
