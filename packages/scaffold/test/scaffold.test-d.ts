import { expectTypeOf, test } from 'vitest';
import { scaffoldRepository, writeIntoFolder, type ScaffoldFile } from '../src/index.js';

test('a repository scaffold names its scope and one of the package managers it knows', () => {
  expectTypeOf(scaffoldRepository({ scope: '@acme', packageManager: 'pnpm' })).toEqualTypeOf<ScaffoldFile[]>();
  // @ts-expect-error yarn workspaces are not scaffolded
  scaffoldRepository({ scope: '@acme', packageManager: 'yarn' });
  // @ts-expect-error the scope is required: it names every prompt package
  scaffoldRepository({ packageManager: 'npm' });
  expectTypeOf(writeIntoFolder).returns.toEqualTypeOf<string[]>();
});
