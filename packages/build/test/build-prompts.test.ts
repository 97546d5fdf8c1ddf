import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { buildPrompt, buildPrompts } from '../src/index.js';
import { copyFixture, scratchDir } from './temp-build.js';

const scratch = scratchDir();
afterAll(() => scratch.cleanup());
let count = 0;
const freshCopy = () => copyFixture('support-mini', path.join(scratch.dir, String(count++)));

const readDist = (dir: string) =>
  Object.fromEntries(readdirSync(path.join(dir, 'dist')).sort().map((name) => [name, readFileSync(path.join(dir, 'dist', name), 'utf8')]));

test('builds a prompt folder into its dist/', () => {
  const dir = freshCopy();
  const result = buildPrompt(dir);
  expect(result).toMatchObject({ success: true, dir, id: 'support-mini', unchanged: [] });
  if (!result.success) return;
  expect(result.written).toEqual(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/schemas.cjs', 'dist/manifest.json', 'dist/evals.json']);
  expect(Object.keys(readDist(dir))).toEqual(['evals.json', 'index.cjs', 'index.d.cts', 'index.d.ts', 'index.js', 'manifest.json', 'schemas.cjs']);
  expect(result.manifest.contentHash).toMatch(/^sha256:/);
});

test('rebuilding gives byte-identical files and rewrites none', () => {
  const dir = freshCopy();
  buildPrompt(dir);
  const first = readDist(dir);
  const mtimes = Object.keys(first).map((name) => statSync(path.join(dir, 'dist', name)).mtimeMs);
  const again = buildPrompt(dir);
  expect(again).toMatchObject({ success: true, written: [] });
  expect(again.success && again.unchanged).toHaveLength(7);
  expect(readDist(dir)).toEqual(first);
  expect(Object.keys(first).map((name) => statSync(path.join(dir, 'dist', name)).mtimeMs)).toEqual(mtimes);
});

test('two copies of the same prompt in different places build the same bytes', () => {
  const a = freshCopy();
  const b = freshCopy();
  buildPrompt(a);
  buildPrompt(b);
  expect(readDist(b)).toEqual(readDist(a));
});

test('a dry run reports what would change and writes nothing', () => {
  const dir = freshCopy();
  const result = buildPrompt(dir, { dryRun: true });
  expect(result.success && result.written).toHaveLength(7);
  expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  buildPrompt(dir);
  writeFileSync(path.join(dir, 'policy.md'), `${readFileSync(path.join(dir, 'policy.md'), 'utf8')}- Be kind.\n`);
  const stale = buildPrompt(dir, { dryRun: true });
  // The policy is text inside both modules and changes the hashes in every other file.
  expect(stale.success && stale.written).toEqual(['dist/index.js', 'dist/index.cjs', 'dist/manifest.json']);
});

test('refuses to build a prompt with errors and builds the others', () => {
  const good = freshCopy();
  const bad = freshCopy();
  writeFileSync(path.join(bad, 'template.hbs'), 'Hello {{customer.nmae}}\n');
  const result = buildPrompts([good, bad]);
  expect(result.success).toBe(false);
  expect(result.results.map((r) => r.success)).toEqual([true, false]);
  const failure = result.results[1]!;
  expect(failure.dir).toBe(bad);
  expect(failure.diagnostics.some((d) => d.severity === 'error' && d.file.endsWith('template.hbs'))).toBe(true);
  expect(existsSync(path.join(bad, 'dist'))).toBe(false);
  expect(existsSync(path.join(good, 'dist', 'index.js'))).toBe(true);
});

test('removes files in dist/ the build no longer produces, and nothing outside dist/', () => {
  const dir = freshCopy();
  buildPrompt(dir);
  writeFileSync(path.join(dir, 'dist', 'old-entry.js'), 'export {};\n');
  writeFileSync(path.join(dir, 'notes.txt'), 'author notes\n');
  const dry = buildPrompt(dir, { dryRun: true });
  expect(dry.success && dry.removed).toEqual(['dist/old-entry.js']);
  expect(existsSync(path.join(dir, 'dist', 'old-entry.js'))).toBe(true);
  const result = buildPrompt(dir);
  expect(result.success && result.removed).toEqual(['dist/old-entry.js']);
  expect(existsSync(path.join(dir, 'dist', 'old-entry.js'))).toBe(false);
  expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('author notes\n');
});

test('a committed dist that links elsewhere fails the build with a located error; nothing there is written or deleted', () => {
  const dir = freshCopy();
  const elsewhere = path.join(scratch.dir, `elsewhere-${count++}`);
  mkdirSync(elsewhere);
  writeFileSync(path.join(elsewhere, 'notes.txt'), 'not the build’s');
  symlinkSync(elsewhere, path.join(dir, 'dist'));
  const result = buildPrompt(dir);
  expect(result.success).toBe(false);
  // The fixture's two-case golden set also warns (evals/few-blocking-cases); the link is the one error.
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => ({ code: d.code, file: path.basename(d.file) }))).toEqual([{ code: 'file/symlink', file: 'dist' }]);
  expect(errors[0]!.hint).toMatch(/Remove the link/);
  expect(readdirSync(elsewhere)).toEqual(['notes.txt']);
});
