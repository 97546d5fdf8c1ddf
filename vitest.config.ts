import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));
// Tests run against the sources; the built dist is exercised by the e2e
// tests. Every workspace package of packages/ resolves to its src/index.ts
// (create-promptpack keeps its unscoped name).
// `@promptpack/spec/plain` and the adapters' per-SDK entries
// (`@promptpack/adapters/openai` -> src/openai/index.ts) come first: a string
// alias also matches longer specifiers, so `@promptpack/spec` alone would
// swallow them.
const alias = [
  { find: '@promptpack/spec/plain', replacement: `${packages}spec/src/plain.ts` },
  { find: /^@promptpack\/adapters\/([a-z-]+)$/, replacement: `${packages}adapters/src/$1/index.ts` },
  ...readdirSync(packages, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      find: entry.name === 'create-promptpack' ? entry.name : `@promptpack/${entry.name}`,
      replacement: `${packages}${entry.name}/src/index.ts`,
    })),
];

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
