import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { effectivePolicy, type LoadedPrompt } from '@promptpack/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePrompt, writeFiles } from '../src/index.js';
import { handlebarsRender } from './template-js/outcome.js';
import { copyFixture, loadFixture } from './temp-build.js';

// A prompt built into a folder where only zod can be found: outside this
// workspace (no node_modules above it holds handlebars), zod linked in as an
// installed dependency. A dist that imported handlebars in any form would
// fail to load here, so rendering at all proves it does not.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'promptpack-no-engine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let prompt: LoadedPrompt;

beforeAll(() => {
  prompt = loadFixture(copyFixture('support-mini', scratch));
  writeFiles(prompt.dir, compilePrompt(prompt).files);
  const zod = path.dirname(createRequire(import.meta.url).resolve('zod/package.json'));
  mkdirSync(path.join(prompt.dir, 'node_modules'));
  symlinkSync(zod, path.join(prompt.dir, 'node_modules/zod'), 'dir');
});

const variables = {
  customer: { name: 'Ada', tier: 'pro' },
  ticket: { subject: 'Charged twice', body: 'You charged me twice.' },
  orders: [{ sku: 'ABC-1234', quantity: 2 }],
  agentNote: 'VIP',
};

// Loads both entry points in a fresh Node (no NODE_PATH, no loader of vitest's) and prints what they render.
const consumer = `
import { createRequire } from 'node:module';
const esm = await import('./dist/index.js');
const cjs = createRequire(process.cwd() + '/package.json')('./dist/index.cjs');
const variables = ${JSON.stringify(variables)};
process.stdout.write(JSON.stringify({ esm: esm.render(variables).messages, cjs: cjs.render(variables).messages }));
`;

// The environment of a consumer's process: pnpm exec (and so this test) sets a NODE_PATH that finds every package in the workspace.
function runNode(script: string): string {
  const env = { ...process.env };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  return execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: prompt.dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const runConsumer = () => runNode(consumer);

const resolvable = `
import { createRequire } from 'node:module';
const resolve = createRequire(process.cwd() + '/package.json').resolve;
const found = (name) => { try { return resolve(name).includes(name); } catch { return false; } };
process.stdout.write(JSON.stringify(Object.fromEntries(['handlebars', 'handlebars/runtime', 'zod'].map((name) => [name, found(name)]))));
`;

describe('a built prompt package with no template engine installed', () => {
  test('cannot resolve handlebars from its folder, and can resolve zod', () => {
    expect(JSON.parse(runNode(resolvable))).toEqual({ handlebars: false, 'handlebars/runtime': false, zod: true });
  });

  test('renders through ESM and CJS exactly what Handlebars renders', () => {
    const { esm, cjs } = JSON.parse(runConsumer()) as Record<'esm' | 'cjs', Array<{ role: string; content: string }>>;
    expect(cjs).toEqual(esm);
    expect(esm.at(0)).toEqual({ role: 'system', content: handlebarsRender(effectivePolicy(prompt))(variables) });
    expect(esm.at(-1)).toEqual({ role: 'user', content: handlebarsRender(prompt.sources.template)(variables) });
    expect(esm.at(-1)!.content).toContain('Agent note: VIP');
  });

  test.each(['dist/index.js', 'dist/index.cjs'])('fails to load here if %s imported handlebars again', (file) => {
    const target = path.join(prompt.dir, file);
    const built = readFileSync(target, 'utf8');
    const engine = file.endsWith('.cjs') ? "require('handlebars/runtime');\n" : "import 'handlebars/runtime.js';\n";
    try {
      writeFileSync(target, `${engine}${built}`);
      expect(runConsumer).toThrow(/Cannot find (?:module|package) '?handlebars/);
    } finally {
      writeFileSync(target, built);
    }
    expect(JSON.parse(runConsumer()).esm).toHaveLength(6);
  });
});
