import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';

const validFixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Identity and signing come from the command line so commits work on any CI machine, whatever its git config.
const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: repo, env: gitEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
function commit(message: string): void {
  git('add', '-A');
  git('commit', '-q', '-m', message);
}

let repo: string;
let previousCwd: string;
const prompt = (file: string) => path.join(repo, 'prompts/order-help', file);
function edit(file: string, from: string, to: string): void {
  const before = readFileSync(prompt(file), 'utf8');
  if (!before.includes(from)) throw new Error(`test edit does not match ${file}: ${from}`);
  writeFileSync(prompt(file), before.replace(from, to));
}
function changeset(id: string, bump: string, name = '@acme/prompt-order-help'): void {
  writeFileSync(path.join(repo, '.changeset', `${id}.md`), `---\n"${name}": ${bump}\n---\n\nSummary of ${id}.\n`);
}
async function check(...args: string[]) {
  const io = capture();
  const code = await main(['check', ...args], io);
  return { code, io };
}
const approvedAt = '2026-11-21T09:30:00Z';
/** Legal's approval of the policy as it is now (policy.lock); every prompt needs one for check to pass. */
async function approve(id = 'order-help', by = 'legal@example.com'): Promise<void> {
  const io = capture();
  const code = await main(['policy', 'approve', id, '--by', by, '--at', approvedAt], io);
  if (code !== 0) throw new Error(`policy approve ${id} failed:\n${io.text()}`);
}

beforeEach(async () => {
  repo = mkdtempSync(path.join(scratch, 'repo-'));
  mkdirSync(path.join(repo, 'prompts'));
  mkdirSync(path.join(repo, '.changeset'));
  writeFileSync(path.join(repo, '.changeset/config.json'), '{ "baseBranch": "main" }\n');
  writeFileSync(path.join(repo, '.changeset/README.md'), 'Changesets live here.\n');
  cpSync(validFixture, path.join(repo, 'prompts/order-help'), { recursive: true });
  git('init', '-q', '-b', 'main');
  previousCwd = process.cwd();
  process.chdir(repo);
  await approve();
  commit('prompts');
  git('checkout', '-q', '-b', 'feature');
});
afterEach(() => process.chdir(previousCwd));

describe('promptpack check against the merge base with main', () => {
  it('passes when nothing changed', async () => {
    const { code, io } = await check();
    expect(code).toBe(0);
    expect(io.stdout[0]).toMatch(/^Comparing with main \([0-9a-f]{12}\)\.$/);
    expect(io.text()).toMatch(/order-help +@acme\/prompt-order-help +none +none +ok \(unchanged\)/);
    expect(io.stdout.at(-1)).toBe('1 prompt checked against main: every change is covered.');
  });

  it('fails a policy change without a changeset, naming the prompt, part, bump and what to do', async () => {
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    const { code, io } = await check();
    expect(code).toBe(1);
    expect(io.stdout).toContain('order-help  @acme/prompt-order-help  minor     none      FAIL');
    expect(io.stdout).toContain('    policy  minor  policy text changed (1 line)');
    expect(io.stderr).toContain('error order-help: changed since main in ways that need a minor release of @acme/prompt-order-help; no pending changeset names it.');
    expect(io.stderr).toContain('  hint: run `pnpm changeset` and choose minor for @acme/prompt-order-help.');
    expect(io.stdout.at(-1)).toBe('1 prompt checked against main: 1 failed.');
  });

  it('fails when the pending changesets declare less, and says which ones', async () => {
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    changeset('calm-cats', 'patch');
    const { code, io } = await check();
    expect(code).toBe(1);
    expect(io.stderr).toContain('error order-help: changed since main in ways that need a minor release of @acme/prompt-order-help; only patch is declared (.changeset/calm-cats.md).');
    expect(io.stderr).toContain('  hint: run `pnpm changeset` and choose minor for @acme/prompt-order-help (or raise it in .changeset/calm-cats.md).');
  });

  it('passes when the largest declared bump covers the change', async () => {
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    await approve();
    changeset('calm-cats', 'patch');
    changeset('brave-dogs', 'minor');
    changeset('other-package', 'major', '@acme/prompt-something-else');
    const { code, io } = await check();
    expect(code).toBe(0);
    expect(io.text()).toMatch(/order-help +@acme\/prompt-order-help +minor +minor +ok/);
  });

  it('requires major for a narrowed variable and accepts a major changeset', async () => {
    edit('prompt.yaml', 'maxLength: 500', 'maxLength: 100');
    edit('template.hbs', 'Question:', 'Their question:');
    changeset('calm-cats', 'minor');
    const failed = await check();
    expect(failed.code).toBe(1);
    expect(failed.io.stdout).toContain('    variables  major  maxLength of question lowered from 500 to 100');
    expect(failed.io.stdout).toContain('    template   patch  template text changed (1 line)');
    changeset('calm-cats', 'major');
    expect((await check()).code).toBe(0);
  });

  it('counts a version already bumped in package.json (a version PR) as declared', async () => {
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    await approve();
    edit('package.json', '"version": "1.0.0"', '"version": "1.1.0"');
    const { code, io } = await check('--json');
    expect(code).toBe(0);
    const entry = JSON.parse(io.stdout.join('\n')).prompts[0];
    expect(entry).toMatchObject({ required: 'minor', declared: 'minor', ok: true, declaredBy: ['package.json 1.0.0 → 1.1.0'] });
  });

  it('compares with the merge base, not the tip of main', async () => {
    git('checkout', '-q', 'main');
    edit('policy.md', 'Be brief and accurate.', 'Be brief and exact.');
    commit('policy on main');
    git('checkout', '-q', 'feature');
    // The feature branch never saw main's policy edit, so it has nothing to declare.
    expect((await check()).code).toBe(0);
    const tip = await check('--base', 'main');
    expect(tip.code).toBe(1);
    expect(tip.io.stdout[0]).toMatch(/^Comparing with main /);
  });

  it('prints a stable JSON document with --json', async () => {
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    await approve();
    const lock = JSON.parse(readFileSync(prompt('policy.lock'), 'utf8'));
    changeset('calm-cats', 'patch');
    const { code, io } = await check('--json');
    expect(code).toBe(1);
    expect(io.stderr).toEqual([]);
    const report = JSON.parse(io.stdout.join('\n'));
    const commitId = git('rev-parse', 'main').trim();
    expect(report).toEqual({
      specificationVersion: 1,
      base: { kind: 'ref', ref: 'main', commit: commitId },
      ok: false,
      prompts: [
        {
          id: 'order-help',
          package: '@acme/prompt-order-help',
          version: '1.0.0',
          status: 'changed',
          base: { ref: 'main', commit: commitId },
          required: 'minor',
          declared: 'patch',
          declaredBy: ['.changeset/calm-cats.md'],
          ok: false,
          changes: [{ part: 'policy', bump: 'minor', summary: 'policy text changed (1 line)' }],
          diagnostics: [],
          policy: { status: 'approved', ok: true, hash: lock.sha256, sections: [], lock, approvedVersion: null, diff: null, whitespaceOnly: null, message: null, hint: null },
          message: 'changed since main in ways that need a minor release of @acme/prompt-order-help; only patch is declared (.changeset/calm-cats.md).',
          hint: 'run `pnpm changeset` and choose minor for @acme/prompt-order-help (or raise it in .changeset/calm-cats.md).',
        },
      ],
    });
  });

  it('reports a new prompt as new and passes it', async () => {
    expect(await main(['new', 'order-status'], capture())).toBe(0);
    await approve('order-status');
    const { code, io } = await check();
    expect(code).toBe(0);
    expect(io.text()).toMatch(/order-status +@acme\/prompt-order-status +- +none +new/);
  });

  it('reports a prompt deleted since the base', async () => {
    expect(await main(['new', 'order-status'], capture())).toBe(0);
    await approve('order-status');
    commit('second prompt');
    rmSync(path.join(repo, 'prompts/order-help'), { recursive: true });
    const { code, io } = await check('--base', 'HEAD');
    expect(code).toBe(0);
    expect(io.text()).toMatch(/order-help +@acme\/prompt-order-help +- +none +removed/);
    expect(io.stdout).toContain('note order-help: prompts/order-help was deleted since HEAD; its published versions stay installable.');
  });

  it('reports validation errors in the working tree and exits 1', async () => {
    edit('template.hbs', '{{customer.name}}', '{{custmer.name}}');
    const { code, io } = await check();
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/^prompts\/order-help\/template\.hbs:1:\d+: error template\/unknown-variable: /m);
    expect(io.text()).toMatch(/order-help +@acme\/prompt-order-help +- +none +INVALID/);
  });

  it('names the base in diagnostics when the prompt at the base does not load', async () => {
    edit('template.hbs', '{{customer.name}}', '{{custmer.name}}');
    commit('broken');
    edit('template.hbs', '{{custmer.name}}', '{{customer.name}}');
    const { code, io } = await check('--base', 'HEAD');
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/^HEAD:prompts\/order-help\/template\.hbs:1:\d+: error template\/unknown-variable: /m);
    expect(io.stderr.join('\n')).toMatch(/as it was at HEAD does not load/);
  });
});

describe('promptpack check --published', () => {
  const tag = (version: string) => git('tag', `@acme/prompt-order-help@${version}`);
  const setVersion = (from: string, to: string) => edit('package.json', `"version": "${from}"`, `"version": "${to}"`);

  it('checks the version written since the last release tag', async () => {
    tag('1.0.0');
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    await approve();
    setVersion('1.0.0', '1.0.1');
    const patch = await check('--published');
    expect(patch.code).toBe(1);
    expect(patch.io.stdout[0]).toBe('Comparing each prompt with its last release tag.');
    expect(patch.io.stderr).toContain('error order-help: changed since @acme/prompt-order-help@1.0.0 in ways that need a minor release, but 1.0.0 → 1.0.1 is a patch bump.');
    setVersion('1.0.1', '1.1.0');
    const minor = await check('--published', '--json');
    expect(minor.code).toBe(0);
    const report = JSON.parse(minor.io.stdout.join('\n'));
    expect(report.base).toEqual({ kind: 'published' });
    expect(report.prompts[0]).toMatchObject({ required: 'minor', declared: 'minor', ok: true, base: { ref: '@acme/prompt-order-help@1.0.0', version: '1.0.0' } });
  });

  it('uses the highest tag below the new version, whatever the tag order', async () => {
    tag('1.0.0');
    setVersion('1.0.0', '1.2.0');
    edit('template.hbs', 'Question:', 'Their question:');
    commit('release 1.2.0');
    tag('1.2.0');
    git('tag', '@acme/prompt-order-help@1.10.0-not-ours', 'HEAD');
    setVersion('1.2.0', '1.2.1');
    edit('template.hbs', 'Their question:', 'The question:');
    const { code, io } = await check('--published', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).prompts[0]).toMatchObject({ required: 'patch', declared: 'patch', base: { version: '1.2.0' } });
  });

  it('fails a prompt changed after its release without a new version', async () => {
    tag('1.0.0');
    edit('policy.md', 'Be brief and accurate.', 'Be brief, kind and accurate.');
    const { code, io } = await check('--published');
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/package\.json still says 1\.0\.0: the changes need a minor release and would not be published/);
  });

  it('passes a prompt that was never released as new', async () => {
    const { code, io } = await check('--published');
    expect(code).toBe(0);
    expect(io.text()).toMatch(/order-help +@acme\/prompt-order-help +- +none +new/);
  });
});

describe('promptpack check usage errors', () => {
  it('exits 2 naming an unknown base ref and what to do', async () => {
    const { code, io } = await check('--base', 'no-such-branch');
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown git ref "no-such-branch"/);
    expect(io.stderr.join('\n')).toMatch(/hint: .*git fetch origin no-such-branch/);
  });

  it('exits 2 when there is no main branch to find a default base', async () => {
    git('branch', '-m', 'main', 'trunk');
    const { code, io } = await check();
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/neither a main branch nor origin\/main/);
    expect(io.stderr.join('\n')).toMatch(/--base/);
    expect((await check('--base', 'trunk')).code).toBe(0);
  });

  it('exits 2 for --base with --published, and outside a git repository', async () => {
    expect((await check('--base', 'main', '--published')).code).toBe(2);
    const outside = mkdtempSync(path.join(scratch, 'plain-'));
    cpSync(path.join(repo, 'prompts'), path.join(outside, 'prompts'), { recursive: true });
    process.chdir(outside);
    const { code, io } = await check();
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/is not inside a git repository/);
  });

  it('exits 1 with the parser message when a changeset is malformed', async () => {
    writeFileSync(path.join(repo, '.changeset/bad.md'), '---\n"@acme/prompt-order-help": huge\n---\n\nOops.\n');
    const { code, io } = await check();
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/cannot read the pending changesets in \.changeset\/: .*invalid version type "huge"/s);
  });
});
