// installDebianPackage against stand-in `apt-get` and `sudo` scripts first on
// PATH: the real packages are installed on this machine, so the install path
// would otherwise never run here.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { installDebianPackage } from './debian-package.js';
import { SetupError } from './process.js';

const bin = mkdtempSync(path.join(tmpdir(), 'promptpack-debian-package-'));
const calls = path.join(bin, 'calls.log');
const listsFetched = path.join(bin, 'lists-fetched');
const originalPath = process.env.PATH;
process.env.PATH = `${bin}${path.delimiter}${originalPath}`;
afterAll(() => {
  process.env.PATH = originalPath;
  rmSync(bin, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(calls, { force: true });
  rmSync(listsFetched, { force: true });
});

function script(name: string, body: string): void {
  writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(path.join(bin, name), 0o755);
}

// Like a fresh image: install fails until `update` has fetched the package lists.
script(
  'apt-get',
  `echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> '${calls}'
if [ "$1" = update ]; then touch '${listsFetched}'; exit 0; fi
[ -e '${listsFetched}' ] || exit 100`,
);
const debian = { name: 'prometheus', label: 'Prometheus', note: 'the package starts no daemon here' };

describe('installDebianPackage', () => {
  it('as root runs apt-get itself, without prompts, and after a failed install updates the lists and retries', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(0);
    const log: string[] = [];
    installDebianPackage(debian, (message) => log.push(message));
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'apt-get install -y --no-install-recommends prometheus DEBIAN_FRONTEND=noninteractive',
      'apt-get update DEBIAN_FRONTEND=noninteractive',
      'apt-get install -y --no-install-recommends prometheus DEBIAN_FRONTEND=noninteractive',
    ]);
    expect(log[0]).toBe('Prometheus is missing: apt-get install -y --no-install-recommends prometheus');
    expect(log[1]).toBe('apt-get install failed; running apt-get update and retrying');
    expect(log[2]).toMatch(/^Prometheus installed in \d+\.\d s \(the package starts no daemon here\)$/);
  });

  it('as another user goes through passwordless sudo', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    script('sudo', `[ "$1" = -n ] || exit 2\nshift\nexec "$@"`);
    writeFileSync(listsFetched, '');
    installDebianPackage(debian, () => {});
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual(['apt-get install -y --no-install-recommends prometheus DEBIAN_FRONTEND=noninteractive']);
  });

  it('says what to run as root when sudo asks for a password', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    script('sudo', 'exit 1');
    let thrown: unknown;
    try {
      installDebianPackage({ name: 'postgresql', label: 'PostgreSQL', note: '' }, () => {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SetupError);
    expect(thrown).toMatchObject({
      message: 'PostgreSQL is not installed, and apt-get cannot run here (not root, no passwordless sudo).',
      hint: 'Install it once as root: apt-get update && apt-get install -y --no-install-recommends postgresql',
    });
  });
});
