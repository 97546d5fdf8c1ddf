import path from 'node:path';
import { buildSync } from 'esbuild';
import type { LoadedPrompt } from '@promptpack/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundlePackageRuntime, packageRuntimeExports } from '../src/bundle-package-runtime.js';
import { compilePrompt, writeFiles } from '../src/index.js';
import { copyFixture, loadFixture, scratchDir } from './temp-build.js';

let prompt: LoadedPrompt;
beforeAll(() => {
  prompt = loadFixture(copyFixture('support-mini', scratch.dir));
});
const scratch = scratchDir();
afterAll(() => scratch.cleanup());

// Top-level declarations start at column 0 in both the bundle and the emitted data.
function topLevelNames(code: string): string[] {
  return [...code.matchAll(/^(?:var|let|const|function|class) ([A-Za-z_$][\w$]*)/gm)].map((match) => match[1]!);
}

describe('bundlePackageRuntime', () => {
  const text = bundlePackageRuntime();

  test('is plain script text: no import, require or export of its own', () => {
    expect(text).not.toMatch(/^\s*(?:import|export)\b/m);
    expect(text).not.toMatch(/\brequire\(/);
    for (const name of packageRuntimeExports) expect(topLevelNames(text), name).toContain(name);
  });

  test('is the same bytes every time, with no path of this machine', () => {
    expect(bundlePackageRuntime()).toBe(text);
    expect(text).not.toContain(process.cwd());
    expect(text).not.toContain(path.sep === '/' ? '/src/' : '\\src\\');
  });

  test('marks its top-level calls pure, so a bundler can drop what a service never uses', () => {
    expect(text).toContain('var variablesErrorMarker = /* @__PURE__ */ Symbol.for("promptpack.variables-error");');
    expect(text).toContain('var outputErrorMarker = /* @__PURE__ */ Symbol.for("promptpack.output-error");');
    expect(text).toContain('var renderErrorMarker = /* @__PURE__ */ Symbol.for("promptpack.render-error");');
  });
});

describe('the generated module', () => {
  test.each(['dist/index.js', 'dist/index.cjs'])('%s declares each top-level name once, runtime and prompt data together', (file) => {
    const contents = compilePrompt(prompt).files.find((candidate) => candidate.path === file)!.contents;
    const names = topLevelNames(contents);
    expect(names.length).toBeGreaterThan(packageRuntimeExports.length);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  test('bundled for a service that only renders, carries no eval cases, manifest or output parsing', () => {
    writeFiles(prompt.dir, compilePrompt(prompt).files);
    const bundle = (entry: string) =>
      buildSync({
        stdin: { contents: entry, resolveDir: prompt.dir, loader: 'js' },
        bundle: true,
        write: false,
        format: 'esm',
        external: ['zod'],
        logLevel: 'silent',
      }).outputFiles[0]!.text;
    const renderOnly = bundle(`import { render } from './dist/index.js';\nconsole.log(render);\n`);
    expect(renderOnly).toContain('function renderPrompt(');
    // The templates are in it as code, and nothing of a template engine is.
    expect(renderOnly).toContain('Recent orders:');
    expect(renderOnly).not.toMatch(/handlebars/i);
    for (const left of ['duplicate-charge', 'template-injection', '"hashes": {', 'function safeParsePromptOutput(']) expect(renderOnly, left).not.toContain(left);
    // The default export bundles everything, evals included: the check above is not vacuous.
    const everything = bundle(`import prompt from './dist/index.js';\nconsole.log(prompt);\n`);
    expect(everything).toContain('duplicate-charge');
    expect(everything).toContain('"hashes": {');
    expect(everything).toContain('function safeParsePromptOutput(');
  });
});
