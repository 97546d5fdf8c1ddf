// The layout of the workspace as a test: no file imports itself through
// others, and packages import only downwards (.dependency-cruiser.cjs).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from './check-dependencies.js';

const badLayout = path.join(import.meta.dirname, '__fixtures__/bad-layout');

describe('dependency rules', () => {
  it('hold for packages/*/src', { timeout: 120_000 }, async () => {
    const violations = await checkDependencies();
    expect(violations, `\n${violations.join('\n')}`).toEqual([]);
  });

  it('report every kind of violation in a tree built to break them, and nothing that is allowed', { timeout: 120_000 }, async () => {
    const violations = await checkDependencies({ root: badLayout });
    const firstLines = violations.map((violation) => violation.split('\n')[0]).sort();
    expect(firstLines).toEqual(
      [
        'build-imports-only-spec-core: packages/build/src/index.ts → packages/cli/src/index.ts',
        'nothing-imports-cli: packages/build/src/index.ts → packages/cli/src/index.ts',
        'through-the-entry-only: packages/build/src/index.ts → packages/core/src/policy-lock.ts',
        'no-circular: packages/core/src/load-prompt.ts → packages/core/src/policy-lock.ts → packages/core/src/load-prompt.ts',
        'operate-imports-only-spec: packages/operate/src/index.ts → packages/build/src/index.ts',
        'report-imports-eval-types-only: packages/report/src/index.ts → packages/eval/src/index.ts',
        'runtime-imports-only-spec: packages/runtime/src/index.ts → packages/core/src/index.ts',
        'spec-imports-only-nothing: packages/spec/src/index.ts → packages/core/src/index.ts',
      ].sort(),
    );
    // Under each violation, the rule's advice on what to do about it.
    for (const violation of violations) expect(violation).toMatch(/\n {2}\S.{40,}/);
  });
});
