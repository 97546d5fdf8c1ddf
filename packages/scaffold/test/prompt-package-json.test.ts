import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPrompt } from '@promptpack/core';
import { afterAll, describe, expect, it } from 'vitest';
import { scaffoldPrompt } from '../src/index.js';
import { writeNewFolder } from '../src/write-files.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-scaffold-package-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a new prompt's package.json", () => {
  it('says "sideEffects": false, so a service that only renders bundles no zod schemas or eval cases', () => {
    const file = scaffoldPrompt('faq', '@acme').find((entry) => entry.path === 'package.json')!;
    expect((JSON.parse(file.contents) as { sideEffects?: unknown }).sideEffects).toBe(false);
  });

  it('gets no package warning from the validator', () => {
    const folder = path.join(scratch, 'faq');
    writeNewFolder(folder, scaffoldPrompt('faq', '@acme'));
    const codes = loadPrompt(folder).diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes.filter((code) => code.startsWith('package/'))).toEqual([]);
  });
});
