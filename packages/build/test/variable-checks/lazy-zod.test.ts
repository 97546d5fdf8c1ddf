import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildAndImport, copyFixture, loadFixture, scratchDir } from '../temp-build.js';

// render() runs the generated checks, so a service that only renders never
// loads zod; the exported schemas load it on first touch. Observed in a fresh
// Node process per case (vitest itself has zod loaded): zod is reached only
// through require (dist/schemas.cjs), so require.cache shows whether it ran.
const scratch = scratchDir();
let dir: string;
beforeAll(async () => {
  dir = copyFixture('support-mini', scratch.dir);
  await buildAndImport(loadFixture(dir), dir);
});
afterAll(() => scratch.cleanup());

const variables = { customer: { name: 'Ada', tier: 'pro' }, ticket: { subject: 'Late', body: 'Where is it?' }, orders: [] };

/** Runs `body` after loading the module in a fresh process; it prints JSON of what it found. */
function inFreshProcess(format: 'esm' | 'cjs', body: string): Record<string, unknown> {
  const entry = path.join(dir, format === 'esm' ? 'dist/index.js' : 'dist/index.cjs');
  const load = format === 'esm' ? `const module = await import(${JSON.stringify(pathToFileURL(entry).href)});` : `const module = require(${JSON.stringify(entry)});`;
  const script = [
    "const { createRequire } = await import('node:module');",
    'const require = createRequire(import.meta.url);',
    "const zodLoaded = () => Object.keys(require.cache).some((file) => file.includes(`${require('node:path').sep}zod${require('node:path').sep}`));",
    load,
    'const prompt = module.default;',
    body,
  ].join('\n');
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' })) as Record<string, unknown>;
}

describe.each(['esm', 'cjs'] as const)('the %s module', (format) => {
  test('renders and reports invalid variables without loading zod', () => {
    const found = inFreshProcess(
      format,
      `const rendered = prompt.render(${JSON.stringify(variables)}).messages.length;
const invalid = prompt.safeRender({ customer: 1 }).error.issues.length;
console.log(JSON.stringify({ rendered, invalid, zod: zodLoaded() }));`,
    );
    expect(found).toEqual({ rendered: 6, invalid: 3, zod: false });
  });

  test('loads zod when a schema is touched, and the schema is a working zod schema', () => {
    const found = inFreshProcess(
      format,
      `const before = zodLoaded();
const { z } = require('zod');
const parsed = prompt.variablesSchema.safeParse(${JSON.stringify(variables)}).success;
const composed = z.object({ variables: prompt.variablesSchema }).safeParse({ variables: { customer: 1 } }).error.issues.map((issue) => issue.path.join('.'));
const output = prompt.parseOutput('{"decision": "reply", "reply": "ok"}').decision;
const printed = require('node:util').inspect(prompt.variablesSchema).split(' ')[0];
console.log(JSON.stringify({ before, parsed, composed, output, instance: prompt.outputSchema instanceof z.ZodType, same: prompt.variablesSchema === module.variablesSchema, printed }));`,
    );
    expect(found).toEqual({ before: false, parsed: true, composed: ['variables.customer', 'variables.ticket', 'variables.orders'], output: 'reply', instance: true, same: true, printed: 'ZodObject' });
  });
});

test('a bundle that only renders can leave zod out: nothing render() reaches refers to the schemas', () => {
  // Only a package that declares itself free of side effects lets a bundler drop an unused import of a CommonJS file.
  const manifest = path.join(dir, 'package.json');
  writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), sideEffects: false }));
  const bundle = (entry: string) =>
    buildSync({ stdin: { contents: entry, resolveDir: dir, loader: 'js' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' }).outputFiles[0]!.text;
  const renderOnly = bundle(`import { render } from './dist/index.js';\nconsole.log(render);\n`);
  expect(renderOnly).toContain('function checkVariables(');
  expect(renderOnly).not.toContain('$ZodType');
  // The schemas bring zod along: the check above is not vacuous.
  expect(bundle(`import { outputSchema } from './dist/index.js';\nconsole.log(outputSchema);\n`)).toContain('$ZodType');
});
