import path from 'node:path';
import { sha256, type LoadedPrompt } from '@promptpack/core';
import { PromptpackError } from '@promptpack/spec';
import { beforeAll, describe, expect, test } from 'vitest';
import { compilePrompt, distFiles } from '../src/index.js';
import { fixturesDir, loadFixture } from './temp-build.js';

let prompt: LoadedPrompt;
beforeAll(() => {
  prompt = loadFixture(path.join(fixturesDir, 'support-mini'));
});

describe('compilePrompt', () => {
  test('emits exactly the files package.json exports point at', () => {
    expect(compilePrompt(prompt).files.map((file) => file.path)).toEqual([
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
      'dist/schemas.cjs',
      'dist/manifest.json',
      'dist/evals.json',
    ]);
    expect(Object.values(distFiles)).toHaveLength(7);
  });

  // The type tests (support-mini.test-d.ts) compile against these pinned
  // files, so a stale snapshot fails here before types are checked against it.
  test('pins the generated dist', async () => {
    for (const file of compilePrompt(prompt).files) {
      await expect(file.contents).toMatchFileSnapshot(`./__snapshots__/support-mini/${path.basename(file.path)}`);
    }
  });

  // A prompt that takes chat history (prompt.yaml `history:`); chat-history.test-d.ts compiles against it.
  test('pins the generated dist of a prompt with chat history', async () => {
    for (const file of compilePrompt(loadFixture(path.join(fixturesDir, 'chat-mini'))).files) {
      await expect(file.contents).toMatchFileSnapshot(`./__snapshots__/chat-mini/${path.basename(file.path)}`);
    }
  });

  test('is deterministic and carries no absolute path or machine detail', () => {
    const first = compilePrompt(prompt);
    const second = compilePrompt(structuredClone(prompt));
    expect(second).toEqual(first);
    for (const file of first.files) {
      expect(file.contents, file.path).not.toContain(prompt.dir);
      expect(file.contents, file.path).not.toContain(process.cwd());
      expect(file.contents, file.path).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    }
  });

  test('the declarations are the same for ESM and CJS', () => {
    const files = Object.fromEntries(compilePrompt(prompt).files.map((file) => [file.path, file.contents]));
    expect(files['dist/index.d.cts']).toBe(files['dist/index.d.ts']);
  });

  // Every form a module can load another in: a static import, a re-export, import() and require().
  const loadedModules = (code: string) =>
    [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"`])([^'"`]+)\1/gm)].map((match) => match[2]);

  test('generated modules load nothing but zod, and zod only from schemas.cjs: no template engine', () => {
    const expected: Record<string, string[]> = {
      'dist/index.js': ['./schemas.cjs'],
      'dist/index.cjs': ['./schemas.cjs'],
      'dist/schemas.cjs': ['zod'],
    };
    const modules = compilePrompt(prompt).files.filter((file) => /\.c?js$/.test(file.path));
    expect(modules.map((file) => file.path).sort()).toEqual(Object.keys(expected).sort());
    for (const file of modules) {
      expect(loadedModules(file.contents).sort(), file.path).toEqual(expected[file.path]);
      expect(file.contents, file.path).not.toMatch(/handlebars\/runtime|Handlebars\.|\.template\(/);
    }
    // The pattern finds what a module would have written before templates were compiled.
    expect(loadedModules(`import Handlebars from 'handlebars/runtime.js';\nconst H = require("handlebars/runtime");\nimport('handlebars');`)).toEqual([
      'handlebars/runtime.js',
      'handlebars/runtime',
      'handlebars',
    ]);
  });

  test('the templates are plain functions: production never parses or compiles one', () => {
    const esm = compilePrompt(prompt).files[0]!.contents;
    expect(esm).not.toMatch(/\.compile\(|precompile\(|new Function|\beval\(/);
    expect(esm).toMatch(/^const policyTemplate = \/\* @__PURE__ \*\/ \(function \(\) \{$/m);
    expect(esm).toMatch(/^const userTemplate = \/\* @__PURE__ \*\/ \(function \(\) \{$/m);
    expect(esm.match(/^  return function render\(data\) \{$/gm)).toHaveLength(2);
  });

  // The validator rejects these first; a prompt that reaches the build anyway
  // must stop it, located, rather than ship with a template engine.
  test.each([
    ['a partial', 'Hello.\n\n  {{> signature}}\n', /the partial \{\{> signature\}\} is not inlined \(.*template\.hbs:3:3\)/],
    ['a decorator', '{{customer.name}}\n{{* audit}}\n', /decorators .* are not supported \(.*template\.hbs:2:1\)/],
    ['a helper outside the subset', 'Total: {{sum 1 2}}\n', /the helper "sum" in \{\{sum …\}\} is not one the generator supports \(.*template\.hbs:1:8\)/],
  ])('a template with %s the generator cannot express is a build error naming it and its file:line:col', (_name, template, message) => {
    const broken = { ...prompt, sources: { ...prompt.sources, template } };
    let thrown: unknown;
    try {
      compilePrompt(broken);
    } catch (error) {
      thrown = error;
    }
    expect(PromptpackError.isInstance(thrown)).toBe(true);
    const error = thrown as PromptpackError;
    expect(error.code).toBe('build/failed');
    expect(error.message).toMatch(message);
    expect(error.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: prompt.files.template })]);
    expect(error.diagnostics[0]!.hint).toBeTruthy();
  });
});

describe('manifest', () => {
  test('describes the prompt with a versioned format', () => {
    const { manifest, files } = compilePrompt(prompt);
    expect(manifest).toMatchObject({
      specificationVersion: 'promptpack.manifest/v1',
      id: 'support-mini',
      name: '@acme/prompt-support-mini',
      version: '1.0.0',
      owners: ['@acme/support-eng'],
      model: { name: 'gpt-4o-mini', temperature: 0.2 },
      builtWith: { handlebars: '4.7.10' },
    });
    expect(JSON.parse(files.find((file) => file.path === 'dist/manifest.json')!.contents)).toEqual(manifest);
  });

  test('hashes text parts by their raw text and structured parts canonically', () => {
    const { manifest } = compilePrompt(prompt);
    expect(manifest.hashes.policy).toBe(sha256(prompt.sources.policy));
    expect(manifest.hashes.template).toBe(sha256(prompt.sources.template));
    expect(manifest.policyHash).toBe(manifest.hashes.policy);
    // Reordering keys in YAML changes no hash.
    const reordered = { ...prompt, spec: { ...prompt.spec, model: { maxTokens: 600, temperature: 0.2, provider: 'openai', name: 'gpt-4o-mini' } } };
    expect(compilePrompt(reordered).manifest.hashes).toEqual(manifest.hashes);
  });

  test('contentHash follows everything that changes render or parseOutput, and not evals', () => {
    const base = compilePrompt(prompt).manifest;
    const evalsOnly = compilePrompt({ ...prompt, evals: { ...prompt.evals, repeats: 5 } }).manifest;
    expect(evalsOnly.hashes.evals).not.toBe(base.hashes.evals);
    expect(evalsOnly.contentHash).toBe(base.contentHash);

    const versionOnly = compilePrompt({ ...prompt, packageJson: { ...prompt.packageJson, version: '1.0.1' } }).manifest;
    expect(versionOnly.contentHash).toBe(base.contentHash);

    const changes: Array<[string, LoadedPrompt]> = [
      ['policy', { ...prompt, sources: { ...prompt.sources, policy: `${prompt.sources.policy}Be kind.\n` } }],
      ['template', { ...prompt, sources: { ...prompt.sources, template: `${prompt.sources.template}Thanks.\n` } }],
      ['fewshots', { ...prompt, fewshots: prompt.fewshots.slice(1) }],
      ['model', { ...prompt, spec: { ...prompt.spec, model: { ...prompt.spec.model, temperature: 0.3 } } }],
      ['output', { ...prompt, spec: { ...prompt.spec, output: undefined } }],
      ['variables', { ...prompt, spec: { ...prompt.spec, variables: { ...prompt.spec.variables, required: ['customer', 'ticket'] } } }],
    ];
    for (const [part, changed] of changes) {
      const manifest = compilePrompt(changed).manifest;
      expect(manifest.hashes[part as keyof typeof manifest.hashes], part).not.toBe(base.hashes[part as keyof typeof base.hashes]);
      expect(manifest.contentHash, part).not.toBe(base.contentHash);
    }
  });
});

describe('evals.json', () => {
  test('is the validated eval manifest with defaults applied and a format version', () => {
    const evals = JSON.parse(compilePrompt(prompt).files.find((file) => file.path === 'dist/evals.json')!.contents);
    expect(evals.specificationVersion).toBe('promptpack.evals/v1');
    expect(evals.thresholds).toEqual({ hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 });
    expect(evals.cases.map((c: { id: string; tier: string }) => [c.id, c.tier])).toEqual([
      ['duplicate-charge', 'blocking'],
      ['template-injection', 'monitoring'],
    ]);
    expect(evals).not.toHaveProperty('$schema');
  });
});
