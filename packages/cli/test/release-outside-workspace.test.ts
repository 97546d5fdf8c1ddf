// `promptpack release` needs a prompts repository around it: run on a prompt
// folder that no workspace lists (no package.json "workspaces", no
// pnpm-workspace.yaml up the tree), it says so and what to do, exit 1,
// before anything is built, published or tagged.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { main, type Io } from '../src/index.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-release-outside-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const example = path.resolve(import.meta.dirname, '../../../prompts/support-reply');

/** A copy of a real prompt folder (sources only) at `<root>/prompts/support-reply`. */
function lonePrompt(root: string): string {
  const dir = path.join(root, 'prompts/support-reply');
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(example)) {
    if (entry !== 'node_modules' && entry !== 'dist') cpSync(path.join(example, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

async function release(cwd: string) {
  const lines: string[] = [];
  const io: Io = { out: (line) => lines.push(line), err: (line) => lines.push(line), color: { out: false, err: false } };
  return { code: await main(['release', '--dry-run'], io, { cwd }), output: lines.join('\n') };
}

test('from a folder with no package.json up the tree: not a workspace, and how to get one', async () => {
  const root = mkdtempSync(path.join(scratch, 'bare-'));
  lonePrompt(root);
  const result = await release(root);
  expect(result.code).toBe(1);
  expect(result.output).toContain(`error release/no-workspace: ${root} is not inside an npm or pnpm workspace (no package.json in it or above it)`);
  expect(result.output).toContain('Nothing was published.');
  expect(result.output).toContain('hint: run it from your prompts repository');
  expect(result.output).toContain('npm create promptpack@latest');
});

test('inside a lone prompt folder: its own package.json is not a workspace, and nothing is built', async () => {
  const root = mkdtempSync(path.join(scratch, 'lone-'));
  const dir = lonePrompt(root);
  const result = await release(dir);
  expect(result.code).toBe(1);
  expect(result.output).toContain(`error release/no-workspace: ${dir} is not inside an npm or pnpm workspace (the nearest package.json, ${path.join(dir, 'package.json')}, is a single package)`);
  expect(result.output).not.toContain('» ');
  expect(existsSync(path.join(dir, 'dist'))).toBe(false);
});

test('a root package.json without "workspaces" does not make one either', async () => {
  const root = mkdtempSync(path.join(scratch, 'plain-root-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'acme-prompts', private: true }));
  const dir = lonePrompt(root);
  const result = await release(path.dirname(dir));
  expect(result.code).toBe(1);
  expect(result.output).toContain(`(the nearest package.json, ${path.join(root, 'package.json')}, is a single package)`);
});
