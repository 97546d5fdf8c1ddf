import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadPrompt, readPolicyLock } from '../index.js';
import { maxSourceFileBytes } from './read-source-file.js';

const valid = path.join(import.meta.dirname, '../../test/__fixtures__/valid/order-help');
const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A file outside the repository, standing in for /etc/passwd or ~/.npmrc.
const secret = path.join(scratch, 'secret.txt');
writeFileSync(secret, 'SECRET=do-not-publish\n');

let counter = 0;
function freshPrompt(): string {
  const dir = path.join(scratch, String(counter++), 'prompts', 'order-help');
  cpSync(valid, dir, { recursive: true });
  return dir;
}

const errors = (dir: string) =>
  loadPrompt(dir).diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, file: path.basename(d.file), line: d.line, column: d.column }));

describe('symbolic links', () => {
  test.each(['policy.md', 'prompt.yaml', 'fewshots.yaml', 'template.hbs', 'evals.yaml', 'package.json', 'policy.lock'])('%s as a link is refused and never read', (file) => {
    const dir = freshPrompt();
    rmSync(path.join(dir, file), { force: true });
    symlinkSync(secret, path.join(dir, file));
    const result = loadPrompt(dir);
    expect(result.success).toBe(false);
    expect(errors(dir)).toEqual([{ code: 'file/symlink', file, line: 0, column: 0 }]);
    expect(JSON.stringify(result)).not.toContain('do-not-publish');
    expect(result.diagnostics.find((d) => d.code === 'file/symlink')!.hint).toMatch(/Replace the link with a regular file/);
  });

  test('a relative link to a file inside the folder is refused too: links are not followed at all', () => {
    const dir = freshPrompt();
    writeFileSync(path.join(dir, 'policy-copy.md'), 'text');
    rmSync(path.join(dir, 'policy.md'));
    symlinkSync('policy-copy.md', path.join(dir, 'policy.md'));
    expect(errors(dir)).toEqual([{ code: 'file/symlink', file: 'policy.md', line: 0, column: 0 }]);
  });

  test('a shared section that is a link is refused', () => {
    const dir = freshPrompt();
    const shared = path.join(dir, '..', '_shared');
    mkdirSync(shared);
    symlinkSync(secret, path.join(shared, 'safety.md'));
    writeFileSync(path.join(dir, 'policy.md'), 'Policy.\n{{> safety}}\n');
    const result = loadPrompt(dir);
    expect(errors(dir)).toEqual([{ code: 'file/symlink', file: 'safety.md', line: 0, column: 0 }]);
    expect(JSON.stringify(result)).not.toContain('do-not-publish');
  });

  test('a _shared folder that is a link is refused', () => {
    const dir = freshPrompt();
    const elsewhere = path.join(scratch, `elsewhere-${counter++}`);
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'safety.md'), 'SECRET do-not-publish');
    symlinkSync(elsewhere, path.join(dir, '..', '_shared'));
    writeFileSync(path.join(dir, 'policy.md'), 'Policy.\n{{> safety}}\n');
    const result = loadPrompt(dir);
    expect(result.diagnostics.map((d) => [d.code, path.basename(d.file)])).toContainEqual(['file/symlink', '_shared']);
    expect(JSON.stringify(result)).not.toContain('do-not-publish');
  });

  test('a prompt folder that is a link is a located error, not skipped', () => {
    const real = freshPrompt();
    const linked = path.join(scratch, `linked-${counter++}`, 'order-help');
    mkdirSync(path.dirname(linked));
    symlinkSync(real, linked);
    expect(errors(linked)).toEqual([{ code: 'file/symlink', file: 'order-help', line: 0, column: 0 }]);
  });

  test('readPolicyLock refuses a linked policy.lock', () => {
    const dir = freshPrompt();
    symlinkSync(secret, path.join(dir, 'policy.lock'));
    expect(() => readPolicyLock(dir)).toThrow(/symbolic link/);
  });
});

describe('file kinds, sizes and encodings', () => {
  test('a directory named like a prompt file is reported, not crashed on', () => {
    const dir = freshPrompt();
    rmSync(path.join(dir, 'template.hbs'));
    mkdirSync(path.join(dir, 'template.hbs'));
    expect(errors(dir)).toEqual([{ code: 'file/not-a-file', file: 'template.hbs', line: 0, column: 0 }]);
  });

  test('a file over the size limit is refused with its size, before it is parsed', () => {
    const dir = freshPrompt();
    writeFileSync(path.join(dir, 'evals.yaml'), `# ${'x'.repeat(maxSourceFileBytes)}\n`);
    const result = loadPrompt(dir);
    expect(errors(dir)).toEqual([{ code: 'file/too-large', file: 'evals.yaml', line: 0, column: 0 }]);
    expect(result.diagnostics[0]!.message).toMatch(/is 2\.0 MiB, more than the 2\.0 MiB/);
  });

  test('invalid UTF-8 is located, not replaced with U+FFFD and shipped', () => {
    const dir = freshPrompt();
    writeFileSync(path.join(dir, 'policy.md'), Buffer.concat([Buffer.from('Line one.\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait.\n')]));
    expect(errors(dir)).toEqual([{ code: 'file/encoding', file: 'policy.md', line: 2, column: 4 }]);
    expect(loadPrompt(dir).diagnostics.find((d) => d.code === 'file/encoding')!.message).toMatch(/not valid UTF-8: byte 0x20 at offset 14/);
  });

  test('a file cut in the middle of a character is located at that character', () => {
    const dir = freshPrompt();
    writeFileSync(path.join(dir, 'template.hbs'), Buffer.concat([Buffer.from('Question: {{question}} '), Buffer.from([0xe2, 0x82])]));
    expect(errors(dir)).toEqual([{ code: 'file/encoding', file: 'template.hbs', line: 1, column: 24 }]);
    expect(loadPrompt(dir).diagnostics.find((d) => d.code === 'file/encoding')!.message).toMatch(/ends in the middle of a character/);
  });

  test('UTF-16 is named as such', () => {
    const dir = freshPrompt();
    writeFileSync(path.join(dir, 'prompt.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: order-help\n', 'utf16le')]));
    const result = loadPrompt(dir);
    expect(errors(dir)).toEqual([{ code: 'file/encoding', file: 'prompt.yaml', line: 1, column: 1 }]);
    expect(result.diagnostics[0]!.message).toMatch(/UTF-16/);
    expect(result.diagnostics[0]!.hint).toMatch(/Save it as UTF-8/);
  });
});
