import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the built dist is exercised by the e2e tests.
    // `@promptpack/spec/plain` comes first: a string alias also matches longer specifiers.
    alias: {
      '@promptpack/spec/plain': fileURLToPath(new URL('./packages/spec/src/plain.ts', import.meta.url)),
      '@promptpack/spec': source('spec'),
      '@promptpack/operate': source('operate'),
      '@promptpack/core': source('core'),
      '@promptpack/build': source('build'),
      '@promptpack/cli': source('cli'),
      '@promptpack/eval': source('eval'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
