import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '@promptpack/cli';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toolingVersion } from '@promptpack/scaffold';
import { createPromptpack, type CreateIo } from '../src/index.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'create-promptpack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function capture(): CreateIo & { stdout: string[]; stderr: string[]; color: { out: false; err: false } } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, color: { out: false, err: false }, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
// No npm_config_user_agent: the default must not depend on who runs the tests.
const env = {};

let workdir: string;
let previousCwd: string;
beforeEach(() => {
  workdir = mkdtempSync(path.join(scratch, 'case-'));
  previousCwd = process.cwd();
});
afterEach(() => process.chdir(previousCwd));

describe('npm create promptpack <dir>', () => {
  it('writes a complete npm workspace whose example prompt validates and builds', async () => {
    const target = path.join(workdir, 'acme-prompts');
    const io = capture();
    expect(await createPromptpack([target, '--scope', '@acme'], io, env)).toBe(0);
    expect(listFiles(target)).toEqual([
      '.changeset/README.md',
      '.changeset/config.json',
      '.github/CODEOWNERS',
      '.github/workflows/ci.yml',
      '.github/workflows/drift.yml',
      '.github/workflows/eval-summary.yml',
      '.github/workflows/policy-review.yml',
      '.github/workflows/release.yml',
      '.gitignore',
      '.npmrc',
      'README.md',
      'package.json',
      'prompts/hello/evals.yaml',
      'prompts/hello/fewshots.yaml',
      'prompts/hello/package.json',
      'prompts/hello/policy.md',
      'prompts/hello/prompt.yaml',
      'prompts/hello/template.hbs',
    ]);
    // Nothing left beside the target: the staging folder was renamed into place.
    expect(readdirSync(workdir)).toEqual(['acme-prompts']);

    const rootPackage = JSON.parse(read(target, 'package.json'));
    expect(rootPackage).toMatchObject({ name: '@acme/prompts', private: true, workspaces: ['prompts/*'] });
    expect(rootPackage.devDependencies).toEqual({ '@changesets/cli': '2.31.1', '@promptpack/changelog': toolingVersion, '@promptpack/cli': toolingVersion });
    expect(JSON.parse(read(target, '.changeset/config.json')).changelog).toEqual(['@promptpack/changelog', {}]);
    expect(read(target, '.npmrc')).toContain('# @acme:registry=https://npm.example.internal/');
    expect(read(target, '.gitignore')).toContain('node_modules/');
    expect(read(target, 'README.md')).toContain('npx promptpack validate');
    expect(read(target, '.github/CODEOWNERS')).toMatch(/^\/prompts\/\*\/policy\.md\s+@acme\/legal$/m);

    const promptPackage = JSON.parse(read(target, 'prompts/hello/package.json'));
    expect(promptPackage).toMatchObject({ name: '@acme/prompt-hello', scripts: { prepack: 'promptpack build .' }, publishConfig: { access: 'restricted' } });
    expect(read(target, 'prompts/hello/prompt.yaml')).toContain('$schema=../../node_modules/@promptpack/spec/schemas/prompt.schema.json');
    expect((parse(read(target, 'prompts/hello/evals.yaml')) as { cases: unknown[] }).cases.length).toBeGreaterThan(0);

    process.chdir(target);
    const cli = capture();
    expect(await main(['validate'], cli), cli.stderr.join('\n')).toBe(0);
    expect(cli.stdout).toContain('ok hello');
    expect(await main(['build'], cli), cli.stderr.join('\n')).toBe(0);
    expect(existsSync(path.join(target, 'prompts/hello/dist/index.js'))).toBe(true);
    expect(existsSync(path.join(target, 'prompts/hello/dist/evals.json'))).toBe(true);
  });

  it('every workflow calls the installed CLI through npx, and no workflow builds this repository', async () => {
    const target = path.join(workdir, 'acme');
    expect(await createPromptpack([target], capture(), env)).toBe(0);
    const ci = read(target, '.github/workflows/ci.yml');
    for (const command of ['validate', 'build', 'check --base', 'eval --gate']) expect(ci).toContain(`npx promptpack ${command}`);
    expect(ci).toContain('npm ci');
    expect(read(target, '.github/workflows/release.yml')).toContain('publish: npx promptpack release');
    expect(read(target, '.github/workflows/policy-review.yml')).toContain('npx promptpack diff "$id" --from "$base" --to HEAD --only policy --format markdown');
    for (const file of readdirSync(path.join(target, '.github/workflows'))) expect(read(target, `.github/workflows/${file}`)).not.toContain('bootstrap.sh');
  });

  it('--pnpm writes pnpm-workspace.yaml with the settings pnpm 12 needs, and pnpm commands', async () => {
    const target = path.join(workdir, 'team');
    expect(await createPromptpack([target, '--pnpm', '--scope', 'acme', '--registry', 'http://127.0.0.1:4873'], capture(), env)).toBe(0);
    const workspace = parse(read(target, 'pnpm-workspace.yaml'));
    expect(workspace).toEqual({ packages: ['prompts/*', '!prompts/_*'], allowBuilds: { esbuild: true }, minimumReleaseAgeExclude: ['@acme/*'] });
    const rootPackage = JSON.parse(read(target, 'package.json'));
    expect(rootPackage.workspaces).toBeUndefined();
    expect(rootPackage.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    expect(read(target, '.npmrc')).toMatch(/^@acme:registry=http:\/\/127\.0\.0\.1:4873\/$/m);
    expect(read(target, '.github/workflows/ci.yml')).toContain('pnpm install --frozen-lockfile');
    expect(read(target, '.github/workflows/ci.yml')).toContain('pnpm exec promptpack validate');
  });

  it('follows pnpm create when no flag says otherwise', async () => {
    const target = path.join(workdir, 'team');
    expect(await createPromptpack([target], capture(), { npm_config_user_agent: 'pnpm/12.21.0 npm/? node/v20.20.2 linux x64' })).toBe(0);
    expect(existsSync(path.join(target, 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('derives the scope from the folder name and says so', async () => {
    const target = path.join(workdir, 'Support Prompts');
    const io = capture();
    expect(await createPromptpack([target], io, env)).toBe(0);
    expect(JSON.parse(read(target, 'prompts/hello/package.json')).name).toBe('@support-prompts/prompt-hello');
    expect(io.stdout.join('\n')).toContain('The scope @support-prompts comes from the folder name; pass --scope');
  });

  it('refuses a folder that is not empty, lists what is there and leaves it untouched', async () => {
    const target = path.join(workdir, 'busy');
    mkdirSync(path.join(target, 'src'), { recursive: true });
    writeFileSync(path.join(target, 'notes.txt'), 'mine\n');
    const before = statSync(path.join(target, 'notes.txt')).mtimeMs;
    const io = capture();
    expect(await createPromptpack([target, '--scope', '@acme'], io, env)).toBe(1);
    expect(io.stderr.join('\n')).toContain('is not empty; nothing was written. It holds:\n  notes.txt\n  src');
    expect(listFiles(target)).toEqual(['notes.txt']);
    expect(statSync(path.join(target, 'notes.txt')).mtimeMs).toBe(before);
    expect(readdirSync(workdir)).toEqual(['busy']);
  });

  it('fills an empty folder', async () => {
    const target = path.join(workdir, 'empty');
    mkdirSync(target);
    expect(await createPromptpack([target, '--scope', '@acme'], capture(), env)).toBe(0);
    expect(existsSync(path.join(target, 'prompts/hello/prompt.yaml'))).toBe(true);
  });

  it('exits 2 on an unknown option, suggests the right one and writes nothing', async () => {
    const target = path.join(workdir, 'x');
    const io = capture();
    expect(await createPromptpack([target, '--pnmp'], io, env)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Unknown option --pnmp. Did you mean --pnpm?');
    expect(existsSync(target)).toBe(false);
  });

  it('exits 2 without a folder, with a bad scope or a bad registry', async () => {
    for (const argv of [[], ['a', 'b'], ['x', '--scope', 'Not A Scope'], ['x', '--registry', 'npm.acme.internal'], ['x', '--npm', '--pnpm']]) {
      const io = capture();
      expect(await createPromptpack(argv, io, env), argv.join(' ')).toBe(2);
      expect(io.stderr.join('\n')).toMatch(/hint: .+/);
    }
    expect(readdirSync(workdir)).toEqual([]);
  });

  it('--help and --version exit 0', async () => {
    const help = capture();
    expect(await createPromptpack(['--help'], help, env)).toBe(0);
    expect(help.stdout.join('\n')).toContain('--registry <url>');
    const version = capture();
    expect(await createPromptpack(['--version'], version, env)).toBe(0);
    expect(version.stdout).toEqual([toolingVersion]);
  });
});
