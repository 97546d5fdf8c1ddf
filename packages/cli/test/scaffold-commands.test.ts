import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scaffoldRepository } from '@promptpack/scaffold';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './capture-io.js';

// `promptpack init` and `promptpack new` where a team starts: an existing
// repository, an empty prompts/, or none yet.
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-scaffold-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let repo: string;
let previousCwd: string;
beforeEach(() => {
  repo = mkdtempSync(path.join(scratch, 'repo-'));
  previousCwd = process.cwd();
  process.chdir(repo);
});
afterEach(() => process.chdir(previousCwd));

const writeJson = (file: string, value: unknown) => writeFileSync(path.join(repo, file), `${JSON.stringify(value)}\n`);

describe('promptpack init', () => {
  it('adds the repository files to an empty folder; the example prompt validates', async () => {
    const io = capture();
    expect(await main(['init', '--scope', '@acme'], io)).toBe(0);
    const expected = scaffoldRepository({ scope: '@acme' }).map((file) => file.path);
    for (const file of expected) expect(existsSync(path.join(repo, file)), file).toBe(true);
    expect(io.stdout[0]).toBe(`Added ${expected.length} files for @acme prompt packages, with the example prompt prompts/hello:`);
    const check = capture();
    expect(await main(['validate'], check)).toBe(0);
  });

  it('refuses when files are in the way, lists every conflict and writes nothing', async () => {
    writeJson('package.json', { name: '@acme/app', private: true });
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github/workflows/ci.yml'), 'name: mine\n');
    writeFileSync(path.join(repo, 'README.md'), '# mine\n');
    const io = capture();
    expect(await main(['init', '--scope', '@acme'], io)).toBe(1);
    const message = io.stderr.join('\n');
    expect(message).toContain('3 of the files to add already exist');
    for (const file of ['package.json', 'README.md', '.github/workflows/ci.yml']) expect(message).toContain(`\n  ${file}`);
    expect(message).toContain('promptpack never overwrites a file');
    expect(readdirSync(repo).sort()).toEqual(['.github', 'README.md', 'package.json']);
    expect(readdirSync(path.join(repo, '.github/workflows'))).toEqual(['ci.yml']);
    expect(readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# mine\n');
  });

  it('--pnpm writes pnpm-workspace.yaml', async () => {
    expect(await main(['init', '--scope', '@acme', '--pnpm'], capture())).toBe(0);
    expect(readFileSync(path.join(repo, 'pnpm-workspace.yaml'), 'utf8')).toContain('"@acme/*"');
  });

  it('exits 2 on an argument, a bad scope or an unknown option', async () => {
    for (const argv of [['init', 'somewhere'], ['init', '--scope', 'A B'], ['init', '--scoop', '@acme']]) {
      expect(await main(argv, capture()), argv.join(' ')).toBe(2);
    }
    expect(readdirSync(repo)).toEqual([]);
  });
});

describe('promptpack new where a repository starts', () => {
  it('works in an empty prompts/, with the scope of the repository package.json', async () => {
    writeJson('package.json', { name: '@acme/prompts', private: true });
    mkdirSync(path.join(repo, 'prompts'));
    const io = capture();
    expect(await main(['new', 'order-status'], io)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(repo, 'prompts/order-status/package.json'), 'utf8')).name).toBe('@acme/prompt-order-status');
    expect(await main(['validate'], capture())).toBe(0);
  });

  it('creates prompts/ at a repository root that has none yet', async () => {
    writeJson('package.json', { name: '@acme/service' });
    expect(await main(['new', 'order-status'], capture())).toBe(0);
    expect(existsSync(path.join(repo, 'prompts/order-status/prompt.yaml'))).toBe(true);
  });

  it('writes $schema references into the published spec package and a prepack build', async () => {
    mkdirSync(path.join(repo, 'prompts'));
    expect(await main(['new', 'order-status', '--scope', '@acme'], capture())).toBe(0);
    const folder = path.join(repo, 'prompts/order-status');
    for (const [file, schema] of [['prompt.yaml', 'prompt'], ['evals.yaml', 'evals'], ['fewshots.yaml', 'fewshots']]) {
      expect(readFileSync(path.join(folder, file!), 'utf8')).toContain(`# yaml-language-server: $schema=../../node_modules/@promptpack/spec/schemas/${schema}.schema.json\n`);
    }
    expect(JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).scripts).toEqual({ prepack: 'promptpack build .' });
  });

  it('without a scope anywhere, says so with an example', async () => {
    writeJson('package.json', { name: 'service' });
    mkdirSync(path.join(repo, 'prompts'));
    const io = capture();
    expect(await main(['new', 'order-status'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Cannot tell which npm scope to publish under');
    expect(io.stderr.join('\n')).toContain('promptpack new order-status --scope @acme');
    expect(readdirSync(path.join(repo, 'prompts'))).toEqual([]);
  });

  it('outside any repository, says where to run it', async () => {
    const io = capture();
    expect(await main(['new', 'order-status', '--scope', '@acme'], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('No prompts/ directory in');
    expect(io.stderr.join('\n')).toContain('npm create promptpack');
  });

  it('--dir that does not exist: a usage error, no stack trace, nothing written', async () => {
    const io = capture();
    expect(await main(['new', 'order-status', '--scope', '@acme', '--dir', 'missing/prompts'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--dir missing/prompts: no such folder');
    expect(io.stderr.join('\n')).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(repo, 'missing'))).toBe(false);
  });
});
