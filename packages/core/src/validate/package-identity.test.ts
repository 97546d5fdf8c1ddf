import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackageIdentity } from './package-identity.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'promptpack-package-identity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readPackageIdentity', () => {
  it('reads name and version, leaving out a field that is not a string', () => {
    const file = path.join(scratch, 'package.json');
    writeFileSync(file, '{"name":"@acme/prompt-x","version":1}');
    expect(readPackageIdentity(file)).toEqual({ identity: { name: '@acme/prompt-x', version: undefined } });
  });

  it('is neither for a missing file, and a located file/symlink for a link, before reading it', () => {
    expect(readPackageIdentity(path.join(scratch, 'missing.json'))).toEqual({});
    const link = path.join(scratch, 'linked.json');
    symlinkSync('/etc/hostname', link);
    expect(readPackageIdentity(link, 'order-help/package.json')).toEqual({ diagnostic: expect.objectContaining({ code: 'file/symlink', file: 'order-help/package.json' }) });
  });
});
