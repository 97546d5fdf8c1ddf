import { describe, expect, it } from 'vitest';
import { parsePackageIdentity } from './package-identity.js';

describe('parsePackageIdentity', () => {
  it('reads own string fields only', () => {
    expect(parsePackageIdentity('{"name":"@acme/prompt-x","version":"1.2.0"}', 'package.json')).toEqual({ identity: { name: '@acme/prompt-x', version: '1.2.0' } });
    expect(parsePackageIdentity('{"__proto__":{"name":"@evil/x"},"version":["1"]}', 'package.json')).toEqual({ identity: { name: undefined, version: undefined } });
  });

  it('locates bad JSON and a non-object in the file it is told', () => {
    expect(parsePackageIdentity('{\n  "name": "x",\n}', 'main:p/package.json').diagnostic).toMatchObject({ code: 'package/invalid-json', file: 'main:p/package.json', line: 3, column: 1 });
    expect(parsePackageIdentity('[]', 'package.json').diagnostic).toMatchObject({ code: 'package/invalid-json', line: 1, column: 1, message: 'package.json must be a JSON object.' });
  });
});
