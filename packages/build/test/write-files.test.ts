import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { PromptpackError } from '@promptpack/spec';
import { removeStale } from '../src/remove-stale.js';
import { writeFiles } from '../src/index.js';
import { scratchDir } from './temp-build.js';

const scratch = scratchDir();
afterAll(() => scratch.cleanup());

test('writes new files, creating folders', () => {
  const result = writeFiles(scratch.dir, [
    { path: 'a/dist/one.txt', contents: '1' },
    { path: 'a/two.txt', contents: '2' },
  ]);
  expect(result).toEqual({ written: ['a/dist/one.txt', 'a/two.txt'], unchanged: [] });
  expect(readFileSync(path.join(scratch.dir, 'a/dist/one.txt'), 'utf8')).toBe('1');
});

test('leaves files whose contents are already right untouched', () => {
  const file = path.join(scratch.dir, 'b.txt');
  writeFileSync(file, 'same');
  const past = new Date('2020-01-01T00:00:00Z');
  utimesSync(file, past, past);
  expect(writeFiles(scratch.dir, [{ path: 'b.txt', contents: 'same' }])).toEqual({ written: [], unchanged: ['b.txt'] });
  expect(statSync(file).mtime).toEqual(past);
  expect(writeFiles(scratch.dir, [{ path: 'b.txt', contents: 'new' }]).written).toEqual(['b.txt']);
  expect(readFileSync(file, 'utf8')).toBe('new');
});

test('leaves no temporary files behind', () => {
  writeFiles(scratch.dir, [{ path: 'c/x.txt', contents: 'x' }]);
  expect(readdirSync(path.join(scratch.dir, 'c'))).toEqual(['x.txt']);
});

test('refuses paths outside the root', () => {
  expect(() => writeFiles(path.join(scratch.dir, 'd'), [{ path: '../escape.txt', contents: 'x' }])).toThrow(/must stay inside/);
  expect(() => writeFiles(scratch.dir, [{ path: '/etc/passwd', contents: 'x' }])).toThrow(/must stay inside/);
  expect(existsSync(path.join(scratch.dir, 'escape.txt'))).toBe(false);
});

test('a dry run writes nothing', () => {
  expect(writeFiles(scratch.dir, [{ path: 'e.txt', contents: 'e' }], { dryRun: true })).toEqual({ written: ['e.txt'], unchanged: [] });
  expect(existsSync(path.join(scratch.dir, 'e.txt'))).toBe(false);
});

test('refuses to write through a symlinked folder or file, and writes nothing there', () => {
  const outside = path.join(scratch.dir, 'outside');
  mkdirSync(outside, { recursive: true });
  const prompt = path.join(scratch.dir, 'linked-dist');
  mkdirSync(prompt, { recursive: true });
  symlinkSync(outside, path.join(prompt, 'dist'));
  expect(() => writeFiles(prompt, [{ path: 'dist/index.js', contents: 'x' }])).toThrow(/dist is a symbolic link/);
  expect(readdirSync(outside)).toEqual([]);

  const secret = path.join(outside, 'secret.txt');
  writeFileSync(secret, 'secret');
  const other = path.join(scratch.dir, 'linked-file');
  mkdirSync(path.join(other, 'dist'), { recursive: true });
  symlinkSync(secret, path.join(other, 'dist/index.js'));
  expect(() => writeFiles(other, [{ path: 'dist/index.js', contents: 'x' }])).toThrow(PromptpackError);
  expect(readFileSync(secret, 'utf8')).toBe('secret');
});

test('removeStale refuses a symlinked dist and deletes nothing through it', () => {
  const outside = path.join(scratch.dir, 'victim');
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(outside, 'precious.txt'), 'keep me');
  const prompt = path.join(scratch.dir, 'stale-linked');
  mkdirSync(prompt, { recursive: true });
  symlinkSync(outside, path.join(prompt, 'dist'));
  expect(() => removeStale(prompt, ['dist/index.js'])).toThrow(/dist is a symbolic link/);
  expect(readFileSync(path.join(outside, 'precious.txt'), 'utf8')).toBe('keep me');
});
