// `flags guard --match` and `--flag-prefix` on the command line: what is
// refused (exit 2, naming the option) and what the guard then runs on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guardOptionsFrom } from '../src/flags/guard-options.js';
import { flagsOptionsFrom } from '../src/flags/options.js';
import { main } from '../src/main.js';
import { capture } from './capture-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-guard-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function guard(...args: string[]) {
  const io = capture();
  const code = await main(['flags', 'guard', 'support-reply', '--file', path.join(dir, 'flags.json'), '--prometheus', 'http://p', ...args], io, { env: { USER: 'oncall' }, cwd: dir });
  return { code, stderr: io.stderr.join('\n') };
}

describe('promptpack flags guard --match / --flag-prefix: usage', () => {
  it.each([
    [['--match', 'job=checkout'], /--match "job=checkout": expected PromQL label matchers \(name="value", name=~"regex", comma-separated\) at character 1/],
    [['--match', ''], /--match is empty: give at least one label matcher/],
    [['--flag-prefix', 'a b'], /--flag-prefix "a b" has characters a flag name cannot hold/],
  ])('%j: exit 2 and what to do', async (args, message) => {
    const result = await guard(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('--match with a --config query lacking {match} is refused: it would read every service', async () => {
    const file = path.join(dir, 'guard.json');
    writeFileSync(file, JSON.stringify({ metrics: [{ name: 'refusals', kind: 'proportion', bad: 'sum(increase(refusals_total{v="{version}"{match}}[{window}]))', total: 'sum(increase(requests_total{v="{version}"}[{window}]))', margin: 0.01, mixture: 0.05 }] }));
    const result = await guard('--config', file, '--match', 'job="checkout"');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--match job="checkout" would not apply to 1 --config query without the \{match\} placeholder, e.g\. sum\(increase\(requests_total\{v="\{version\}"\}\[\{window\}\]\)\)/);
  });

  it('runs on the matchers as written back by the parser, and the prefix from the flag or PROMPTPACK_FLAG_PREFIX', () => {
    expect(guardOptionsFrom({ prometheus: 'http://p', match: ' job = "checkout" ' }, {}, dir).match).toBe('job="checkout"');
    expect(guardOptionsFrom({ prometheus: 'http://p' }, {}, dir).match).toBeUndefined();
    expect(flagsOptionsFrom({}, { PROMPTPACK_FLAG_PREFIX: 'checkout.' }).flagPrefix).toBe('checkout.');
    expect(flagsOptionsFrom({ flagPrefix: 'billing.' }, { PROMPTPACK_FLAG_PREFIX: 'checkout.' }).flagPrefix).toBe('billing.');
    expect(flagsOptionsFrom({}, {}).flagPrefix).toBeUndefined();
  });
});
