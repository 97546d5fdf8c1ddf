// The one build every @promptpack/* package shares: ESM and CommonJS with
// declarations for Node 20. A package's tsup.config.ts passes only what it
// does differently (more entries, shims for import.meta.url, plugins).
import { defineConfig, type Options } from 'tsup';

export function packageBuild(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: false,
    ...overrides,
  });
}
