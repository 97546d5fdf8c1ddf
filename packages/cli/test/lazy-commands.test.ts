// An on-call `flags rollback` must not wait for the compiler or the eval
// engine to load: each command's module is imported only when it runs. Proven
// on the real module graph of a child process, with a positive control.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const fixtures = path.join(import.meta.dirname, '__fixtures__/import-log');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-lazy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI from source in a child process; returns its exit code and every module URL it resolved. */
function modulesLoadedBy(args: readonly string[]): { code: number | null; modules: string[]; output: string } {
  const log = path.join(mkdtempSync(path.join(scratch, 'run-')), 'imports.log');
  writeFileSync(log, '');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--import', path.join(fixtures, 'register.mjs'), path.join(fixtures, 'run-main.ts'), ...args], {
    // Where `--import tsx` resolves from; the commands below take absolute paths.
    cwd: import.meta.dirname,
    encoding: 'utf8',
    env: { ...process.env, PROMPTPACK_IMPORT_LOG: log, NO_COLOR: '1' },
  });
  return { code: child.status, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean), output: `${child.stdout}${child.stderr}` };
}

// The compiler, the eval engine, and (once it exists) the release library.
const heavy = /\/packages\/(build|eval|release)\/|\/@promptpack\/(build|eval|release)\//;

describe('commands load on demand', () => {
  it('flags --help and a flags command import neither @promptpack/build nor @promptpack/eval', { timeout: 60_000 }, () => {
    const help = modulesLoadedBy(['flags', 'rollback', '--help']);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toMatch(/Usage: promptpack flags rollback/);
    expect(help.modules.filter((url) => heavy.test(url))).toEqual([]);

    const status = modulesLoadedBy(['flags', 'status', '--file', path.join(scratch, 'flags.json'), '--json']);
    // The command ran (its module was loaded), whatever it concluded about the missing file.
    expect(status.modules.some((url) => url.endsWith('/src/commands/flags.ts')), status.output).toBe(true);
    expect(status.modules.filter((url) => heavy.test(url))).toEqual([]);
  });

  it('the check sees the compiler when a command does load it (positive control)', { timeout: 60_000 }, () => {
    const build = modulesLoadedBy(['build', path.join(scratch, 'no-such-prompt')]);
    expect(build.modules.some((url) => heavy.test(url)), build.output).toBe(true);
  });
});
