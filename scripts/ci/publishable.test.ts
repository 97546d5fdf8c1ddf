// Every tooling package (each non-private packages/* folder, found on disk so
// new ones are covered when they land) is packed as a registry would receive
// it and checked the way a user's install would see it:
// - publint (package.json entry points, files, exports against the tarball);
// - are-the-types-wrong (types resolve for ESM and CJS under every TypeScript
//   module resolution), through @arethetypeswrong/core on the same tarball
//   the CLI would pack again;
// - our convention: real version ranges, dist/ shipped, README, LICENSE,
//   engines, repository, public access, one tooling version.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkPackage, createPackageFromTarballData, type Package } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackage } from '../tooling/pack.js';
import { repoRoot, toolingPackages } from '../tooling/workspace-packages.js';

const packages = toolingPackages();
const rootLicense = readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
const packed = new Map<string, { tarball: Uint8Array; contents: Package; manifest: Record<string, unknown> }>();

beforeAll(async () => {
  // One at a time: pnpm pack is I/O-bound and this machine is shared.
  for (const item of packages) {
    const tarballPath = await packPackage(item.dir);
    const tarball = new Uint8Array(readFileSync(tarballPath));
    rmSync(path.dirname(tarballPath), { recursive: true, force: true });
    const contents = createPackageFromTarballData(tarball);
    packed.set(item.name, { tarball, contents, manifest: JSON.parse(contents.readFile(`/node_modules/${item.name}/package.json`)) });
  }
}, 120_000);
afterAll(() => packed.clear());

it('finds the tooling packages', () => {
  expect(packages.map((item) => item.name)).toEqual(expect.arrayContaining(['@promptpack/core', '@promptpack/cli', 'create-promptpack']));
});

it('releases the tooling in lockstep: one version for every package', () => {
  const versions = new Set(packages.map((item) => item.version));
  expect([...versions], packages.map((item) => `${item.name}@${item.version}`).join(', ')).toHaveLength(1);
});

describe.each(packages.map((item) => [item.name, item] as const))('%s', (name, item) => {
  const file = (relative: string) => `/node_modules/${name}/${relative}`;

  it('follows the package.json convention', () => {
    const manifest = item.manifest as Record<string, any>;
    expect(manifest.license).toBe('MIT');
    expect(manifest.type).toBe('module');
    expect(manifest.engines).toEqual({ node: '>=20.10' });
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/promptpack/promptpack.git', directory: path.relative(repoRoot, item.dir).split(path.sep).join('/') });
    expect(manifest.publishConfig?.access).toBe('public');
    expect(manifest.files).toContain('dist');
  });

  it('packs real version ranges, never workspace: ones', () => {
    const { manifest } = packed.get(name)!;
    const ranges = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'].flatMap((field) =>
      Object.entries((manifest[field] ?? {}) as Record<string, string>).map(([dependency, range]) => `${field}.${dependency}: ${range}`),
    );
    expect(ranges.filter((line) => line.includes('workspace:'))).toEqual([]);
  });

  it('packs dist/, a README and the repository LICENSE', () => {
    const { contents } = packed.get(name)!;
    expect(contents.listFiles().some((entry) => entry.startsWith(file('dist/')))).toBe(true);
    expect(contents.tryReadFile(file('README.md'))?.length ?? 0).toBeGreaterThan(200);
    expect(contents.tryReadFile(file('LICENSE'))).toBe(rootLicense);
  });

  it('publint finds no problem', async () => {
    const { tarball } = packed.get(name)!;
    const { messages, pkg } = await publint({ pack: { tarball: tarball.slice().buffer }, level: 'suggestion' });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`)).toEqual([]);
  });

  it('are-the-types-wrong finds no problem', async () => {
    const { contents } = packed.get(name)!;
    const result = await checkPackage(contents);
    expect(result.types, 'the package ships no types').not.toBe(false);
    // A prompt package published with the tooling (prompts/llm-judge) keeps
    // every prompt package's data subpaths, ./manifest.json and ./evals.json
    // in dist/: TypeScript's node10 resolution ignores "exports" and cannot
    // see them, while Node and every newer resolution do. Types are unaffected.
    const isPromptPackage = path.relative(repoRoot, item.dir).startsWith('prompts');
    const dataSubpath = (problem: { kind: string; entrypoint?: string; resolutionKind?: string }) =>
      isPromptPackage && problem.kind === 'NoResolution' && problem.resolutionKind === 'node10' && /^\.\/(manifest|evals)\.json$/.test(problem.entrypoint ?? '');
    const problems = ('problems' in result ? result.problems : []).filter((problem) => !dataSubpath(problem as never));
    expect(problems.map((problem) => `${problem.kind}: ${JSON.stringify(problem)}`)).toEqual([]);
    // The first check loads the TypeScript compiler: seconds on a shared 2-core machine.
  }, 60_000);
});
