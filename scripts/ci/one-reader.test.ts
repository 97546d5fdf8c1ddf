// Each artifact format has one reader (@promptpack/spec): no second reader of
// eval-result.json or dist/manifest.json may come back (check-one-reader.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOneReader } from './check-one-reader.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-one-reader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(scratch, 'tree-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('one reader per format', () => {
  it('holds for packages/*/src and scripts', { timeout: 60_000 }, () => {
    const violations = checkOneReader();
    expect(violations, `\n${violations.join('\n')}`).toEqual([]);
  });

  it('reports a second reader, a wrapper around JSON.parse and a redeclared shape, at file:line:col', () => {
    const root = tree({
      'packages/release/src/gate.ts': [
        "import { readFileSync } from 'node:fs';",
        "export const record = (dir: string) => JSON.parse(readFileSync(`${dir}/eval-result.json`, 'utf8')) as { gate: { passed: boolean }; summary: unknown };",
      ].join('\n'),
      'scripts/demo/hash.ts': [
        "import { readFileSync } from 'node:fs';",
        'function parse(text: string): unknown {',
        '  const trimmed = text.trim();',
        '  return JSON.parse(trimmed);',
        '}',
        "export const hash = (dir: string) => parse(readFileSync(dir + '/dist/manifest.json', 'utf8'));",
      ].join('\n'),
      // Tests, spec itself and a package.json reader are not readers of these formats.
      'packages/release/src/gate.test.ts': "export const value = JSON.parse('{}') as { gate: true; summary: 1 }; // eval-result.json",
      'packages/spec/src/read.ts': "export const read = (text: string) => JSON.parse(text) as { contentHash: string; hashes: {} }; // manifest.json",
      'packages/operate/src/names.ts': "export const name = (text: string) => (JSON.parse(text) as { name: string }).name; // package.json",
      // A prompt's package.json parsed in a package: core's reader refuses links and locates errors.
      'packages/cli/src/commands/new.ts': [
        "import { readFileSync } from 'node:fs';",
        "export const scope = (dir: string) => (JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { name?: string }).name;",
      ].join('\n'),
    });
    expect(checkOneReader(root)).toEqual([
      "packages/cli/src/commands/new.ts:2:40: JSON.parse(…) of a package.json: read it with @promptpack/core's readPackageIdentity (or @promptpack/spec's parsePackageIdentity for text) instead.",
      'packages/release/src/gate.ts:2:40: JSON.parse(…) in code that handles eval-result.json: read the text with @promptpack/spec\'s safeParseEvalRecordText / safeParseManifestText instead.',
      'packages/release/src/gate.ts:2:103: declares the eval record shape again ({ gate, summary }): use @promptpack/spec\'s type, or a Pick of it.',
      'scripts/demo/hash.ts:6:38: parse(…) in code that handles manifest.json: read the text with @promptpack/spec\'s safeParseEvalRecordText / safeParseManifestText instead.',
    ]);
  });
});
