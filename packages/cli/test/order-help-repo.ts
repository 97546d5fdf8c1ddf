import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';

const validFixture = path.resolve(import.meta.dirname, '../../core/test/__fixtures__/valid/order-help');

/**
 * Each test runs in a fresh repository holding prompts/order-help (a valid
 * prompt) as its working directory; returns the current repository's path.
 */
export function useOrderHelpRepo(prefix: string): () => string {
  const scratch = mkdtempSync(path.join(tmpdir(), prefix));
  let repo = '';
  let previousCwd = '';
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  beforeEach(() => {
    repo = mkdtempSync(path.join(scratch, 'repo-'));
    mkdirSync(path.join(repo, 'prompts'));
    cpSync(validFixture, path.join(repo, 'prompts/order-help'), { recursive: true });
    previousCwd = process.cwd();
    process.chdir(repo);
  });
  afterEach(() => process.chdir(previousCwd));
  return () => repo;
}
