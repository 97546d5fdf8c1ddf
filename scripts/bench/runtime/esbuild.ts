import { createRequire } from 'node:module';
import path from 'node:path';

// esbuild as @promptpack/build has it (the bundler it is pinned to), not a
// second copy for the scripts; the root package does not depend on it, so
// only the call used here is typed.
interface BuildResult {
  outputFiles?: { text: string }[];
}
export const buildSync = (createRequire(path.resolve(import.meta.dirname, '../../../packages/build/package.json'))('esbuild') as { buildSync(options: Record<string, unknown>): BuildResult }).buildSync;
