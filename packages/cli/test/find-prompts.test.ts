import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPrompt } from '@promptpack/core';
import { afterAll, expect, test } from 'vitest';
import { findPromptDirs } from '../src/find-prompts.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-find-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('a prompt folder that is a link is listed, so loading it reports the link instead of skipping it', () => {
  const prompts = path.join(scratch, 'prompts');
  mkdirSync(path.join(prompts, 'real'), { recursive: true });
  mkdirSync(path.join(scratch, 'elsewhere'));
  symlinkSync(path.join(scratch, 'elsewhere'), path.join(prompts, 'linked'));
  const dirs = findPromptDirs([], scratch);
  expect(dirs.map((dir) => path.basename(dir))).toEqual(['linked', 'real']);
  expect(loadPrompt(dirs[0]!).diagnostics.map((d) => d.code)).toEqual(['file/symlink']);
});
