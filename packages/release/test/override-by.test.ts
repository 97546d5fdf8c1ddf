// Who an eval-gate override names: the identity the release tags are made
// with, from git config or from GIT_COMMITTER_* (how CI and scripted shells
// set it), never "unknown" while git knows better.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { overrideBy } from '../src/eval-records.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptpack-override-by-'));
const repo = path.join(tmp, 'repo');
execFileSync('git', ['init', '-q', repo]);
// No user or system git config: only what each case sets.
const bare = { PATH: process.env.PATH, HOME: tmp, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(tmp, 'no-gitconfig') };

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('overrideBy', () => {
  it('names the committer identity from the environment, as git tag would sign with it', async () => {
    const env = { ...bare, GIT_COMMITTER_NAME: 'Ada Adopter', GIT_COMMITTER_EMAIL: 'ada@acme.example' };
    expect(await overrideBy(repo, env)).toBe('Ada Adopter <ada@acme.example>');
  });

  it('names the identity in the repository git config, with the CI actor and run', async () => {
    execFileSync('git', ['config', 'user.name', 'Grace'], { cwd: repo, env: bare });
    execFileSync('git', ['config', 'user.email', 'grace@acme.example'], { cwd: repo, env: bare });
    expect(await overrideBy(repo, { ...bare, GITHUB_ACTOR: 'grace-h', GITHUB_RUN_ID: '42' })).toBe('Grace <grace@acme.example>; GitHub actor grace-h, run 42');
  });
});
