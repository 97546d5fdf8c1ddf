import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

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

const e2eFiles = 'scripts/e2e/**/*.test.ts';

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, e2eFiles],
          typecheck: {
            enabled: true,
            include: ['packages/*/test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [e2eFiles],
          // One Verdaccio for the files, one Unleash started by the first
          // that needs it; only when e2e files are queued.
          globalSetup: ['scripts/e2e/global-setup.ts'],
          // The two Unleash files each stop the shared server for a while
          // ("the flag service is down"), so they must not overlap. On CI's
          // 2 cores vitest ran one file at a time anyway (cores - 1 workers).
          fileParallelism: false,
        },
      },
    ],
  },
});
