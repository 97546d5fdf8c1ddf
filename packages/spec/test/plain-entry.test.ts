// `@promptpack/spec/plain` is what the production runtime imports: it must
// never load zod. Walks the value imports (not `import type`) from plain.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const source = path.resolve(import.meta.dirname, '../src');

function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)';/gms)].map((match) => match[1]!);
  return found;
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(path.join(source, entry));
  return { files, packages };
}

describe('the plain entry', () => {
  it('loads no package at all (no zod), only its own modules', () => {
    const { files, packages } = reachable('plain.ts');
    expect([...packages]).toEqual([]);
    expect(files.size).toBeGreaterThan(5);
  });

  it('is what the full entry builds on, and the full entry does load zod', () => {
    expect(reachable('index.ts').packages).toEqual(new Set(['zod']));
  });
});
