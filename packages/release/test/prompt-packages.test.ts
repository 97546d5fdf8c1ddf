// The prompt packages of a release are found in npm and pnpm workspaces alike.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { findPromptWorkspace } from '../src/prompt-packages.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-prompt-packages-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

/** Two prompts (one private), a tooling package without prompt.yaml, and a _shared folder. */
function workspace(kind: 'npm' | 'pnpm'): string {
  const root = mkdtempSync(path.join(scratch, `${kind}-`));
  write(root, 'package.json', JSON.stringify({ name: 'acme-prompts', private: true, ...(kind === 'npm' ? { workspaces: ['prompts/*', 'tools/*'] } : {}) }));
  if (kind === 'pnpm') write(root, 'pnpm-workspace.yaml', 'packages:\n  - prompts/*\n  - tools/*\n');
  for (const [folder, manifest] of [
    ['prompts/support-reply', { name: '@acme/prompt-support-reply', version: '1.2.0' }],
    ['prompts/draft', { name: '@acme/prompt-draft', version: '0.1.0', private: true }],
  ] as const) {
    write(root, `${folder}/package.json`, JSON.stringify(manifest));
    write(root, `${folder}/prompt.yaml`, 'id: x\n');
  }
  write(root, 'tools/lint/package.json', JSON.stringify({ name: '@acme/lint', version: '1.0.0' }));
  write(root, 'prompts/_shared/tone.md', 'Be kind.\n');
  return root;
}

test.each(['npm', 'pnpm'] as const)('%s workspaces: public packages with a prompt.yaml, found from any folder inside', async (kind) => {
  const root = workspace(kind);
  const found = await findPromptWorkspace(path.join(root, 'prompts/support-reply'));
  expect(found.root).toBe(root);
  expect(found.packages).toEqual([
    { name: '@acme/prompt-support-reply', version: '1.2.0', dir: path.join(root, 'prompts/support-reply'), folder: 'support-reply', relativeDir: 'prompts/support-reply' },
  ]);
});
