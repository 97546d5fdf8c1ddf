// A service that imports one adapter must not load another SDK (or its
// adapter): checked on the built dist, by following every import of an
// entry through tsup's shared chunks and listing the packages it reaches.
// The SDKs are types-only for every adapter but LangChain's, whose message
// classes are values, and the AI SDK's, whose tools are built with its own
// `tool` and `jsonSchema`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const specifier = /\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)/g;

/** Every package an entry file loads, and the code it runs, following its relative imports (chunks). */
function load(entry: string): { packages: string[]; code: string } {
  const file = path.join(dist, entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the package first (pnpm --filter @promptpack/adapters run build).`);
  const seen = new Set<string>();
  const packages = new Set<string>();
  let code = '';
  const visit = (current: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    const text = readFileSync(current, 'utf8');
    code += text;
    for (const match of text.matchAll(specifier)) {
      const target = match[1] ?? match[2] ?? match[3]!;
      if (target.startsWith('.')) visit(path.resolve(path.dirname(current), target));
      else packages.add(target);
    }
  };
  visit(file);
  return { packages: [...packages].sort(), code };
}

describe.each(['js', 'cjs'])('dist/*.%s', (extension) => {
  it.each([
    ['index', []],
    ['openai', []],
    ['anthropic', []],
    ['ai-sdk', ['ai']],
    ['langchain', ['@langchain/core/messages']],
  ])('%s loads only %j', (entry, expected) => {
    expect(load(`${entry}.${extension}`).packages).toEqual(expected);
  });

  it('the openai entry and its chunks hold no other adapter', () => {
    const { code } = load(`openai.${extension}`);
    expect(code).toContain('max_completion_tokens');
    for (const other of ['toAnthropic', 'toAiSdk', 'toLangChain', 'SystemMessage']) expect(code).not.toContain(other);
  });
});
