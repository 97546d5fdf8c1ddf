import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScaffoldError, writeIntoFolder, writeNewFolder } from '../src/index.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-write-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeNewFolder', () => {
  it('leaves no target and no staging folder when a file cannot be written', () => {
    const parent = mkdtempSync(path.join(scratch, 'new-'));
    // The same path twice: the second exclusive write fails half-way through.
    const files = [{ path: 'a.txt', contents: 'a' }, { path: 'a.txt', contents: 'again' }];
    expect(() => writeNewFolder(path.join(parent, 'repo'), files)).toThrow(/EEXIST/);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('writeIntoFolder', () => {
  it('removes what it added when a later file fails, and keeps what was there', () => {
    const root = mkdtempSync(path.join(scratch, 'into-'));
    writeFileSync(path.join(root, 'mine.txt'), 'mine');
    const files = [{ path: 'docs/a.md', contents: 'a' }, { path: 'docs/a.md', contents: 'again' }];
    expect(() => writeIntoFolder(root, files)).toThrow(/EEXIST/);
    expect(existsSync(path.join(root, 'docs/a.md'))).toBe(false);
    expect(readFileSync(path.join(root, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('is a ScaffoldError with code scaffold/conflict when a file is in the way', () => {
    const root = mkdtempSync(path.join(scratch, 'conflict-'));
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs/a.md'), 'mine');
    let caught: unknown;
    try {
      writeIntoFolder(root, [{ path: 'docs/a.md', contents: 'a' }]);
    } catch (error) {
      caught = error;
    }
    expect(ScaffoldError.isInstance(caught) && caught.code).toBe('scaffold/conflict');
    expect(ScaffoldError.isInstance(new Error('other'))).toBe(false);
  });
});
