// The eval command tests each run in a fresh faq repository as the working
// directory, with none of the eval settings a developer's shell may carry;
// the directory and the environment are put back after every test.
import { afterEach, beforeEach } from 'vitest';
import { createFaqRepo, type ScratchRepo } from './eval-fixture.js';

const evalSettings = ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'PROMPTPACK_EVAL_MODEL', 'PROMPTPACK_EVAL_PROVIDER', 'PROMPTPACK_PROGRESS'];

/** Registers the hooks; the returned repository is refilled before each test (read it inside tests only). */
export function faqRepoPerTest(scratch: string, options: { clearCi?: boolean } = {}): ScratchRepo {
  const repo = {} as ScratchRepo;
  const savedEnv = { ...process.env };
  let previousCwd = process.cwd();
  beforeEach(() => {
    Object.assign(repo, createFaqRepo(scratch));
    previousCwd = process.cwd();
    process.chdir(repo.dir);
    // CI=true switches some commands to their CI behaviour (annotations, no colour); tests that check it clear it.
    for (const name of options.clearCi ? [...evalSettings, 'CI'] : evalSettings) delete process.env[name];
  });
  afterEach(() => {
    process.chdir(previousCwd);
    process.env = { ...savedEnv };
  });
  return repo;
}
