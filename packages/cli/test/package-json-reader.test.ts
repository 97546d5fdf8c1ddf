// The commands that look up a prompt's package name or version (diff, new,
// check, eval --version) read package.json through core's one reader: a
// package.json that is a link is refused with a located error, as every
// prompt file is, instead of being read wherever it points.
import { execFileSync } from 'node:child_process';
import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';
import { useOrderHelpRepo } from './order-help-repo.js';

const repo = useOrderHelpRepo('promptpack-package-reader-');

/** prompts/order-help/package.json becomes a link to a file outside the prompt folder. */
function linkPackageJson(target: Record<string, unknown>): string {
  const outside = path.join(repo(), 'outside.json');
  writeFileSync(outside, JSON.stringify(target));
  const file = path.join(repo(), 'prompts/order-help/package.json');
  renameSync(file, `${file}.orig`);
  symlinkSync(outside, file);
  return file;
}

describe('package.json read through core', () => {
  it('diff refuses a linked package.json with file/symlink, naming the file', async () => {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo() });
    const file = linkPackageJson({ name: '@evil/prompt-order-help', version: '9.9.9' });
    const io = capture();
    expect(await main(['diff', 'order-help'], io), io.text()).toBe(1);
    const text = io.text();
    expect(text).toContain(`${file} has no package name, so its releases cannot be found.`);
    expect(text).toContain(`${file}: error file/symlink: ${file} is a symbolic link`);
    expect(text).not.toContain('@evil');
  });

  it('new does not take its scope from a linked package.json of another prompt', async () => {
    linkPackageJson({ name: '@evil/prompt-order-help', version: '1.0.0' });
    const io = capture();
    expect(await main(['new', 'order-status'], io)).toBe(2);
    expect(io.text()).toContain('Cannot tell which npm scope to publish under');
    expect(io.text()).not.toContain('@evil');
  });
});
