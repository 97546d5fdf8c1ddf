// `promptpack flags` on a flags file, in-process: changes, guardrails,
// audit log, history, and the written file as the runtime reads it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import type { Io } from '../src/output.js';
import { fileFlags } from '../../runtime/src/index.js';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const inventory = (versions: Record<string, string>, service = 'support-service', stable = '1.0.0') => ({
  service,
  prompts: [{ id: 'support-reply', name: '@acme/prompt-support-reply', stable, versions: Object.entries(versions).map(([version, contentHash]) => ({ version, contentHash })) }],
});
const passing = (version: string, contentHash: string, passed = true) => completeEvalRecord({ prompt: { version, contentHash }, gate: { passed, reasons: passed ? [] : ['hard-pass rate 0.8 < 1'] } });

let dir: string;
let file: string;
let common: string[];
beforeEach(() => {
  dir = mkdtempSync(path.join(scratch, 'case-'));
  file = path.join(dir, 'flags.json');
  writeFileSync(path.join(dir, 'inventory.json'), JSON.stringify(inventory({ '1.0.0': 'hash-100', '1.1.0': 'hash-110' })));
  writeFileSync(path.join(dir, 'eval-110.json'), JSON.stringify(passing('1.1.0', 'hash-110')));
  common = ['--file', file, '--inventory', path.join(dir, 'inventory.json'), '--eval-result', path.join(dir, 'eval-110.json')];
});

async function run(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: { out: false, err: false } };
  const code = await main(['flags', ...args], io, { env: { USER: 'oncall' }, cwd: dir });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const auditLines = () => readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line));

describe('promptpack flags on a flags file', () => {
  it('canary 10%: stable variable 900, canary fix 100, recorded in the audit log; the runtime serves about 10%', async () => {
    const result = await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'INC-1: try the new policy', ...common);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/canary prompt\.support-reply: everyone: 1\.0\.0 90%, 1\.1\.0 10%/);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.features[0].enabled).toBe(true);
    expect(data.features[0].strategies[0].variants.map((v: { name: string; weight: number; weightType: string }) => [v.name, v.weight, v.weightType])).toEqual([
      ['1.0.0', 900, 'variable'],
      ['1.1.0', 100, 'fix'],
    ]);
    const [line] = auditLines();
    expect(line).toMatchObject({ actor: 'oncall', command: 'canary', prompt: 'support-reply', reason: 'INC-1: try the new policy', forced: [], before: { exists: false }, after: { stable: '1.0.0', canary: { version: '1.1.0', percent: 10 } } });
    expect(Date.parse(line.time)).not.toBeNaN();

    // What a service's fileFlags makes of the written file: Unleash's own evaluation.
    const flags = fileFlags(file, { pollInterval: 0 });
    const served = Array.from({ length: 10_000 }, (_, index) => flags.evaluate('prompt.support-reply', { userId: `user-${index}` }));
    await flags.close();
    const share = served.filter((decision) => decision.status === 'variant' && decision.variant === '1.1.0').length / served.length;
    expect(share).toBeGreaterThan(0.085);
    expect(share).toBeLessThan(0.115);
  });

  it('promote, rollback, kill, and history shows each with its reason', async () => {
    await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'start', ...common);
    expect((await run('promote', 'support-reply', '1.1.0', '--reason', 'looks good', ...common)).stdout).toMatch(/everyone: 1\.1\.0 100%/);
    const rollback = await run('rollback', 'support-reply', '--reason', 'INC-2: wrong language', ...common);
    expect(rollback.stdout).toMatch(/rollback prompt\.support-reply: everyone: 1\.0\.0 100%\n {2}was: everyone: 1\.1\.0 100%/);
    expect((await run('kill', 'support-reply', '--reason', 'stop everything', ...common)).stdout).toMatch(/off \(built-in stable\)/);
    expect(JSON.parse(readFileSync(file, 'utf8')).features[0].enabled).toBe(false);
    expect(await run('kill', 'support-reply', '--reason', 'again', ...common)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^nothing to do: .*already off/) });

    const history = await run('history', 'support-reply', '--file', file);
    expect(history.stdout.split('\n').slice(2).map((line) => line.split(/\s{2,}/)[2])).toEqual(['canary 1.1.0 10%', 'promote 1.1.0', 'rollback to 1.0.0', 'kill']);
    expect(history.stdout).toMatch(/INC-2: wrong language/);
    const json = JSON.parse((await run('history', 'support-reply', '--file', file, '--json')).stdout);
    expect(json.entries.map((entry: { reason: string }) => entry.reason)).toEqual(['start', 'looks good', 'INC-2: wrong language', 'stop everything']);
    expect(auditLines()).toHaveLength(4);
  });

  it('rollback --to serves that version; status shows shares, stickiness, tenants and installed versions', async () => {
    await run('canary', 'support-reply', '1.1.0', '--percent', '25', '--tenant', 'acme-beta', '--stickiness', 'tenantId', '--reason', 'beta tenant', ...common);
    const status = await run('status', ...common);
    expect(status.stdout).toContain('file         on     tenantId IN acme-beta: 1.0.0 75%, 1.1.0 25%; everyone else: 1.0.0 100%  tenantId');
    expect(status.stdout).toMatch(/support-service {2}1\.0\.0 {3}1\.0\.0 \(hash-100\), 1\.1\.0 \(hash-110\)/);
    const json = JSON.parse((await run('status', 'support-reply', '--json', ...common)).stdout);
    expect(json.prompts[0].environments[0]).toMatchObject({ enabled: true, stickiness: ['tenantId'], constraints: ['tenantId IN acme-beta'] });
    expect((await run('rollback', 'support-reply', '--to', '1.1.0', '--reason', 'r', ...common)).stdout).toMatch(/everyone: 1\.1\.0 100%/);
  });

  describe('guardrails', () => {
    it('refuses a version with no eval record for its contentHash (exit 3), and --force records the override', async () => {
      writeFileSync(path.join(dir, 'eval-110.json'), JSON.stringify(passing('1.1.0', 'hash-OLD')));
      const refused = await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'r', ...common);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/\[eval-missing\] No passing eval record for support-reply@1\.1\.0 \(contentHash hash-110\)/);
      expect(refused.stderr).toMatch(/other content: .*eval-110\.json \(contentHash hash-OLD\)/);
      expect(refused.stderr).toMatch(/--force --reason/);
      expect(() => readFileSync(file)).toThrow();

      const forced = await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'evals run by hand, see INC-3', '--force', ...common);
      expect(forced.code).toBe(0);
      expect(forced.stderr).toMatch(/--force overrides a guardrail/);
      expect(auditLines()[0].forced).toEqual([{ guardrail: 'eval-missing', message: expect.stringMatching(/No passing eval record/) }]);
      expect((await run('history', 'support-reply', '--file', file)).stdout).toMatch(/FORCED \(eval-missing\) evals run by hand/);
    });

    it('a file that is not a whole eval record does not count, and the refusal says what is wrong with it', async () => {
      const { summary: _summary, ...partial } = passing('1.1.0', 'hash-110');
      writeFileSync(path.join(dir, 'eval-110.json'), JSON.stringify(partial));
      const refused = await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'r', ...common);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/\[eval-missing\] No passing eval record for support-reply@1\.1\.0/);
      expect(refused.stderr).toMatch(/not eval records: .*eval-110\.json \(Not a valid eval record: summary\.cases: expected a number, found nothing\)/);
    });

    it('refuses a failed eval record and a version a service has not installed', async () => {
      writeFileSync(path.join(dir, 'eval-110.json'), JSON.stringify(passing('1.1.0', 'hash-110', false)));
      writeFileSync(path.join(dir, 'billing.json'), JSON.stringify(inventory({ '1.0.0': 'hash-100' }, 'billing-service')));
      const refused = await run('promote', 'support-reply', '1.1.0', '--reason', 'r', ...common, '--inventory', path.join(dir, 'billing.json'));
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/\[not-installed\] billing-service .* has not installed support-reply@1\.1\.0 \(installed: 1\.0\.0\)/);
      expect(refused.stderr).toMatch(/\[eval-failed\] .*did not pass its gate: hard-pass rate 0\.8 < 1/);
    });

    it('refuses without any service inventory, and when a service cannot be reached', async () => {
      // Unknown ids and versions are refused even with --force: nothing here knows them.
      const nothing = await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'r', '--file', file, '--force');
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toMatch(/Unknown prompt "support-reply"[^]*pass --service\/--inventory/);
      // Once the flag names the version, it is known; without an inventory the installation is unchecked.
      await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'r', ...common);
      const blind = await run('promote', 'support-reply', '1.1.0', '--reason', 'r', '--file', file, '--eval-result', path.join(dir, 'eval-110.json'));
      expect(blind.code).toBe(3);
      expect(blind.stderr).toMatch(/\[inventory-missing\] No service inventory was given/);
      const port = await closedPort();
      const down = await run('canary', 'support-reply', '1.1.0', '--percent', '20', '--reason', 'r', ...common, '--service', `http://127.0.0.1:${port}`);
      expect(down.code).toBe(3);
      expect(down.stderr).toContain(`[inventory-unreadable] Cannot read the inventory of http://127.0.0.1:${port}/.well-known/promptpack: ECONNREFUSED`);
    });

    it('finds the eval record at the release tag <name>@<version>:prompts/<id>/eval-result.json', async () => {
      const repo = path.join(dir, 'repo');
      mkdirSync(path.join(repo, 'prompts/support-reply'), { recursive: true });
      writeFileSync(path.join(repo, 'prompts/support-reply/package.json'), JSON.stringify({ name: '@acme/prompt-support-reply', version: '1.1.0' }));
      writeFileSync(path.join(repo, 'prompts/support-reply/eval-result.json'), JSON.stringify(passing('1.1.0', 'hash-110')));
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: repo });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'release');
      git('tag', '-a', '@acme/prompt-support-reply@1.1.0', '-m', 'release');
      // The working tree moves on: only the tag still holds the record for hash-110.
      writeFileSync(path.join(repo, 'prompts/support-reply/eval-result.json'), JSON.stringify(passing('1.2.0', 'hash-120')));
      const result = await run('canary', 'support-reply', '1.1.0', '--percent', '10', '--reason', 'r', '--file', file, '--inventory', path.join(dir, 'inventory.json'), '--repo', repo);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });
  });

  describe('clear refusals', () => {
    it.each([
      [['canary', 'support-reply', '1.1.0', '--percent', '101', '--reason', 'r'], 2, /--percent must be a number from 0 to 100, found "101"/],
      [['canary', 'support-reply', '1.1.0', '--percent=-1', '--reason', 'r'], 2, /--percent must be a number from 0 to 100/],
      [['canary', 'support-reply', '1.1.0', '--percent', '10.05', '--reason', 'r'], 2, /steps of 0\.1%/],
      [['canary', 'support-reply', '1.1.0', '--percent', '10'], 2, /needs --reason/],
      [['promote', 'support-reply', '1.1.0', '--reason', '  '], 2, /needs --reason/],
      [['canary', 'support-rely', '1.1.0', '--percent', '10', '--reason', 'r'], 1, /Unknown prompt "support-rely"[^]*Known prompts: support-reply/],
      [['promote', 'support-reply', '1.9.0', '--reason', 'r'], 1, /Unknown version "1\.9\.0"[^]*Known versions: 1\.0\.0, 1\.1\.0/],
      [['status', '--environment', 'production'], 2, /--environment does not apply to a flags file/],
    ])('%j exits %i', async (args, code, message) => {
      const result = await run(...args, ...common);
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(message);
    });

    it('needs a target, and --unleash needs UNLEASH_ADMIN_TOKEN', async () => {
      expect((await run('status')).stderr).toMatch(/Pass --unleash URL .* or --file PATH/);
      expect((await run('status', '--unleash', 'http://127.0.0.1:9')).stderr).toMatch(/UNLEASH_ADMIN_TOKEN/);
    });

    it('never overwrites a flags file it cannot parse', async () => {
      writeFileSync(file, '{ "features": [');
      const result = await run('kill', 'support-reply', '--reason', 'r', ...common);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/not valid JSON/);
      expect(readFileSync(file, 'utf8')).toBe('{ "features": [');
    });
  });
});
