import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPromptOrThrow } from '@promptpack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptContentHash } from '@promptpack/core';
import { completeEvalRecord } from '../../spec/test/complete-eval-record.js';

// The real `changeset version` run in a throwaway git repository, loading the
// built module by absolute path exactly as .changeset/config.json makes it.
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(packageDir, '../..');
const moduleFile = path.join(packageDir, 'dist/index.cjs');
const changesetBin = createRequire(path.join(repoRoot, 'package.json')).resolve('@changesets/cli/bin.js');
const fixture = path.join(repoRoot, 'packages/core/test/__fixtures__/valid/order-help');

const newPolicy = 'You answer order questions for {{shop}}.\nBe brief and accurate. Name the returns policy when asked about returns.\n';

let work: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Release Bot', '-c', 'user.email=release@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd: work,
    encoding: 'utf8',
  }).trim();
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
  writeFileSync(path.join(work, file), text);
};
const read = (file: string) => readFileSync(path.join(work, file), 'utf8');

describe('changeset version with @promptpack/changelog', () => {
  let changesetCommit: string;

  beforeAll(() => {
    if (!existsSync(moduleFile)) throw new Error(`${moduleFile} is missing: build the package first (pnpm --filter @promptpack/changelog run build).`);
    work = mkdtempSync(path.join(os.tmpdir(), 'promptpack-changelog-'));
    write('package.json', JSON.stringify({ name: 'scratch', private: true, workspaces: ['prompts/*', 'packages/*'] }, null, 2));
    write('.changeset/config.json', JSON.stringify({ changelog: [moduleFile, {}], commit: false, access: 'restricted', baseBranch: 'main' }, null, 2));
    cpSync(fixture, path.join(work, 'prompts/order-help'), { recursive: true });
    write('prompts/order-help/eval-result.json', evalRecord('1.0.0', 'sha256:released', { hardPass: 4, count: 5, passRate: 0.9 }));
    write('packages/tool/package.json', JSON.stringify({ name: '@acme/tool', version: '0.3.0' }, null, 2));
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'Release 1.0.0');
    git('tag', '@acme/prompt-order-help@1.0.0');

    write('.changeset/returns-policy.md', '---\n"@acme/prompt-order-help": minor\n---\n\nAnswers name the returns policy.\n');
    write('.changeset/faster-tool.md', '---\n"@acme/tool": patch\n---\n\nStarts faster.\n');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'Add changesets');
    changesetCommit = git('rev-parse', '--short=7', 'HEAD');
    // Left uncommitted on purpose: the module compares the working tree, as a release manager has it.
    write('prompts/order-help/policy.md', newPolicy);
    write('prompts/order-help/template.hbs', read('prompts/order-help/template.hbs').replace('Question:', 'Their question:'));
    // A passing `promptpack eval --gate` of the new content.
    write('prompts/order-help/eval-result.json', evalRecord('1.0.0', promptContentHash(loadPromptOrThrow(path.join(work, 'prompts/order-help'))), { hardPass: 5, count: 5, passRate: 1 }));

    execFileSync(process.execPath, [changesetBin, 'version'], { cwd: work, encoding: 'utf8', stdio: 'pipe' });
  }, 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('writes the summary, the changed parts and the new policy hash into the prompt changelog', () => {
    const hash = `sha256:${createHash('sha256').update(newPolicy).digest('hex')}`;
    expect(JSON.parse(read('prompts/order-help/package.json')).version).toBe('1.1.0');
    const changelog = read('prompts/order-help/CHANGELOG.md').split('\n');
    // The wording of each change's summary belongs to comparePrompts (@promptpack/core); only its shape is pinned here.
    expect(changelog.at(-4)).toMatch(/^ {2}- Template \(patch\): \S/);
    expect(changelog.at(-2)).toBe('  Evals: blocking hard-pass 100% (5/5), pass 100%, 6 cases × 3, replay/gpt-4o-mini — vs 1.0.0: hard-pass +20 pts, pass +10 pts');
    expect(changelog.slice(0, -4)).toEqual([
      '# @acme/prompt-order-help',
      '',
      '## 1.1.0',
      '',
      '### Minor Changes',
      '',
      `- ${changesetCommit}: Answers name the returns policy.`,
      '',
      '  Prompt parts changed since 1.0.0: policy, template',
      '',
      `  - Policy changed — new policy hash \`${hash}\``,
    ]);
    expect(changelog.at(-1)).toBe('');
  });

  it('keeps a tooling package entry to the summary', () => {
    expect(read('packages/tool/CHANGELOG.md')).toBe(['# @acme/tool', '', '## 0.3.1', '', '### Patch Changes', '', `- ${changesetCommit}: Starts faster.`, ''].join('\n'));
  });

  it('consumes the changesets', () => {
    expect(existsSync(path.join(work, '.changeset/returns-policy.md'))).toBe(false);
    expect(existsSync(path.join(work, '.changeset/faster-tool.md'))).toBe(false);
  });
});

/** An eval record as `promptpack eval --gate` writes it. */
function evalRecord(version: string, contentHash: string, blocking: { hardPass: number; count: number; passRate: number }): string {
  return JSON.stringify(
    completeEvalRecord({
      prompt: { id: 'order-help', name: '@acme/prompt-order-help', version, contentHash, evalsHash: 'sha256:evals' },
      provider: 'replay',
      model: 'gpt-4o-mini',
      summary: { cases: 6, repeats: 3 },
      blocking: { ...blocking, pass: blocking.count, hardPassRate: blocking.hardPass / blocking.count },
    }),
  );
}
