import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';

const validFixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-policy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
let repo: string;
let previousCwd: string;
function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
function commit(message: string): string {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}
const file = (relative: string) => path.join(repo, relative);
function edit(relative: string, from: string, to: string): void {
  const before = readFileSync(file(relative), 'utf8');
  if (!before.includes(from)) throw new Error(`test edit does not match ${relative}: ${from}`);
  writeFileSync(file(relative), before.replace(from, to));
}
async function run(...argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, io };
}
const approve = (id: string, by = 'legal@acme.example') => run('policy', 'approve', id, '--by', by, '--at', '2026-11-21T09:30:00Z');
function changeset(id: string, prompts: string[]): void {
  writeFileSync(file(`.changeset/${id}.md`), `---\n${prompts.map((name) => `"@acme/prompt-${name}": minor`).join('\n')}\n---\n\nPolicy.\n`);
}
const json = (io: { stdout: string[] }) =>
  JSON.parse(io.stdout.join('\n')) as { ok: boolean; prompts: Array<{ id: string; ok: boolean; changes: unknown[]; policy: { hash: string; status: string; diff: string | null } | null }> };

/** A copy of the order-help fixture named `id` whose policy includes the shared safety section. */
function addPrompt(id: string): void {
  const dir = file(`prompts/${id}`);
  cpSync(validFixture, dir, { recursive: true });
  for (const name of ['package.json', 'prompt.yaml']) writeFileSync(path.join(dir, name), readFileSync(path.join(dir, name), 'utf8').replaceAll('order-help', id));
  edit(`prompts/${id}/policy.md`, 'Be brief and accurate.\n', 'Be brief and accurate.\n\n{{> safety}}\n');
}

beforeEach(() => {
  repo = mkdtempSync(path.join(scratch, 'repo-'));
  mkdirSync(file('.changeset'));
  writeFileSync(file('.changeset/config.json'), '{ "baseBranch": "main" }\n');
  mkdirSync(file('prompts/_shared'), { recursive: true });
  writeFileSync(file('prompts/_shared/safety.md'), '## Safety\n\nNever give medical advice to {{customer.name}}.\n');
  addPrompt('order-help');
  git('init', '-q', '-b', 'main');
  previousCwd = process.cwd();
  process.chdir(repo);
});
afterEach(() => process.chdir(previousCwd));

describe('promptpack policy approve and check', () => {
  it('round trip: no lock fails, approve passes, a policy edit fails with the diff, approving again passes', async () => {
    commit('prompts');
    const missing = await run('check', '--base', 'HEAD');
    expect(missing.code).toBe(1);
    expect(missing.io.stderr).toContain(`error order-help: has no policy.lock: its policy (${json((await run('check', '--base', 'HEAD', '--json')).io).prompts[0]!.policy!.hash.slice(0, 19)}…) was never approved.`);
    expect(missing.io.stderr.join('\n')).toMatch(/hint: have legal review it and run `promptpack policy approve order-help --by <name>`, then commit prompts\/order-help\/policy\.lock \(`promptpack policy show order-help` prints the policy as the model sees it\)\./);

    const approved = await approve('order-help');
    expect(approved.code).toBe(0);
    expect(approved.io.stdout[0]).toMatch(/^Approved the policy of order-help for legal@acme\.example at 2026-11-21T09:30:00Z: sha256:[0-9a-f]{64}\.$/);
    expect(approved.io.stdout[1]).toBe('  It includes the shared section safety; a change to it needs a new approval.');
    const lock = JSON.parse(readFileSync(file('prompts/order-help/policy.lock'), 'utf8'));
    expect(readFileSync(file('prompts/order-help/policy.lock'), 'utf8')).toBe(`${JSON.stringify(lock, null, 2)}\n`);
    expect(Object.keys(lock)).toEqual(['specificationVersion', 'sha256', 'approvedBy', 'approvedAt']);
    const lockCommit = commit('legal approves the policy');
    expect((await run('check', '--base', 'HEAD')).code).toBe(0);

    edit('prompts/order-help/policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    changeset('kind', ['order-help']);
    const changed = await run('check', '--base', 'HEAD');
    expect(changed.code).toBe(1);
    expect(changed.io.stdout).toContain('order-help  @acme/prompt-order-help  minor     minor     FAIL');
    const stderr = changed.io.stderr;
    const at = stderr.indexOf('error order-help: the policy changed since legal@acme.example approved it on 2026-11-21T09:30:00Z (policy.lock); the model would be told something legal has not approved. The changes since the approved version:');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(stderr.slice(at + 1, at + 5)).toEqual([
      `    --- approved prompts/order-help policy (commit ${lockCommit.slice(0, 12)}, where policy.lock last changed; legal@acme.example approved it on 2026-11-21T09:30:00Z)`,
      expect.stringMatching(/^ {4}\+\+\+ working tree prompts\/order-help policy \(sha256:[0-9a-f]{12}…\)$/),
      '    @@ -1,5 +1,5 @@',
      '     You answer order questions for {{shop}}.',
    ]);
    expect(stderr).toContain('    -Be brief and accurate.');
    expect(stderr).toContain('    +Be brief, kind and accurate.');
    // The diff is of the effective policy: the shared section's text, not {{> safety}}.
    expect(stderr).toContain('     ## Safety');
    expect(stderr.join('\n')).not.toContain('{{> safety}}');
    expect(stderr).toContain('  hint: have legal review it and run `promptpack policy approve order-help --by <name>`, then commit prompts/order-help/policy.lock.');

    const report = json((await run('check', '--base', 'HEAD', '--json')).io);
    expect(report.prompts[0]!.policy).toMatchObject({ status: 'changed', ok: false, sections: ['safety'], lock, approvedVersion: { commit: lockCommit, lastLockChange: true }, whitespaceOnly: false, diff: expect.stringContaining('+Be brief, kind and accurate.\n') });

    expect((await approve('order-help')).code).toBe(0);
    expect((await run('check', '--base', 'HEAD')).code).toBe(0);
  });

  it('a shared-section change fails every prompt that includes it, each with its diff and a minor bump', async () => {
    addPrompt('order-faq');
    addPrompt('order-status');
    edit('prompts/order-status/policy.md', '\n{{> safety}}\n', '');
    for (const id of ['order-faq', 'order-help', 'order-status']) expect((await approve(id)).code).toBe(0);
    commit('three prompts, two include safety');
    edit('prompts/_shared/safety.md', 'medical advice', 'medical or legal advice');
    changeset('safety', ['order-faq', 'order-help']);
    const { code, io } = await run('check', '--base', 'HEAD', '--json');
    expect(code).toBe(1);
    const report = json(io);
    expect(report.prompts.map((prompt) => [prompt.id, prompt.ok, prompt.policy?.status])).toEqual([
      ['order-faq', false, 'changed'],
      ['order-help', false, 'changed'],
      ['order-status', true, 'approved'],
    ]);
    for (const prompt of report.prompts.slice(0, 2)) {
      expect(prompt.changes).toEqual([{ part: 'policy', bump: 'minor', summary: 'policy text changed (1 line): shared section "safety" changed' }]);
      expect(prompt.policy!.diff).toContain('-Never give medical advice to {{customer.name}}.\n+Never give medical or legal advice to {{customer.name}}.\n');
    }
    for (const id of ['order-faq', 'order-help']) await approve(id);
    expect((await run('check', '--base', 'HEAD')).code).toBe(0);
  });

  it('holds a release back (check --published) until the changed policy is approved', async () => {
    await approve('order-help');
    commit('release 1.0.0');
    git('tag', '@acme/prompt-order-help@1.0.0');
    edit('prompts/order-help/policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    edit('prompts/order-help/package.json', '"version": "1.0.0"', '"version": "1.1.0"');
    const held = await run('check', '--published');
    expect(held.code).toBe(1);
    expect(held.io.stderr.join('\n')).toMatch(/error order-help: the policy changed since legal@acme\.example approved it/);
    await approve('order-help');
    expect((await run('check', '--published')).code).toBe(0);
  });

  it('reports a tampered lock, whose sha256 matches no version of the policy, as such', async () => {
    await approve('order-help');
    commit('approved');
    edit('prompts/order-help/policy.lock', '"sha256": "sha256:', '"sha256": "sha256:0000');
    writeFileSync(file('prompts/order-help/policy.lock'), readFileSync(file('prompts/order-help/policy.lock'), 'utf8').replace(/"sha256:0000([0-9a-f]{60})[0-9a-f]{4}"/, '"sha256:0000$1"'));
    const { code, io } = await run('check', '--base', 'HEAD');
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      /error order-help: policy\.lock says legal@acme\.example approved it on 2026-11-21T09:30:00Z, but its sha256 \(sha256:0000[0-9a-f]{8}…\) matches no version of this policy: not the working tree \(sha256:[0-9a-f]{12}…\), and none of the 1 commits that changed it has that text\. The lock was edited by hand or copied from another prompt, so the approved text cannot be shown\./,
    );
    expect(io.stderr.join('\n')).toMatch(/never edit policy\.lock by hand/);
    const report = json((await run('check', '--base', 'HEAD', '--json')).io);
    expect(report.prompts[0]!.policy).toMatchObject({ status: 'unknown-hash', ok: false, approvedVersion: null, diff: null });
  });

  it('finds the approved version further back than the last lock change (a lock copied from an older commit)', async () => {
    await approve('order-help');
    const approvedCommit = commit('approved');
    const approvedLock = readFileSync(file('prompts/order-help/policy.lock'), 'utf8');
    edit('prompts/order-help/policy.md', 'Be brief and accurate.', 'Be exact.');
    await approve('order-help', 'someone@acme.example');
    commit('second approval');
    writeFileSync(file('prompts/order-help/policy.lock'), approvedLock);
    const report = json((await run('check', '--base', 'HEAD', '--json')).io);
    expect(report.prompts[0]!.policy).toMatchObject({ status: 'changed', approvedVersion: { commit: approvedCommit, lastLockChange: false } });
  });

  it('reports a malformed lock at file:line:col', async () => {
    commit('prompts');
    writeFileSync(file('prompts/order-help/policy.lock'), '{\n  "sha256": "sha256:abc"\n}\n');
    const { code, io } = await run('check', '--base', 'HEAD');
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/^prompts\/order-help\/policy\.lock:2:3: error policy\/invalid-lock: policy\.lock is malformed: "sha256": expected "sha256:" followed by 64 lowercase hex digits\./m);
    expect((await run('validate')).code).toBe(1);
  });

  it('refuses an approval without a name, and writes nothing', async () => {
    for (const args of [['--by', ''], ['--by', '   '], []]) {
      const { code, io } = await run('policy', 'approve', 'order-help', ...args);
      expect(code).toBe(2);
      expect(io.stderr.join('\n')).toMatch(/Say who approves the policy: --by is required and cannot be empty\.\n.*promptpack policy approve order-help --by legal@acme\.example/s);
    }
    expect(existsSync(file('prompts/order-help/policy.lock'))).toBe(false);
    expect((await run('policy', 'approve', 'no-such-prompt', '--by', 'x')).code).toBe(1);
    expect((await run('policy', 'frobnicate', 'order-help')).code).toBe(2);
  });

  it('shows the policy as the model sees it, and leaves a lock that already approves it alone', async () => {
    const { code, io } = await run('policy', 'show', 'prompts/order-help');
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toBe('You answer order questions for {{shop}}.\nBe brief and accurate.\n\n## Safety\n\nNever give medical advice to {{customer.name}}.');
    await approve('order-help');
    const again = await approve('order-help');
    expect(again.io.stdout[0]).toMatch(/already approved by legal@acme\.example on 2026-11-21T09:30:00Z; prompts\/order-help\/policy\.lock is unchanged\.$/);
  });

  it('asks a freshly scaffolded prompt for its approval', async () => {
    await approve('order-help');
    commit('first');
    expect((await run('new', 'order-status')).code).toBe(0);
    const { code, io } = await run('check', '--base', 'HEAD');
    expect(code).toBe(1);
    expect(io.text()).toMatch(/order-status +@acme\/prompt-order-status +- +none +FAIL/);
    expect(io.stderr.join('\n')).toMatch(/error order-status: has no policy\.lock/);
    expect(JSON.parse(readFileSync(file('prompts/order-status/package.json'), 'utf8')).files).toContain('policy.lock');
  });
});
