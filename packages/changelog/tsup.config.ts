import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  // changesets loads the changelog module with require(): the CJS build is the one it runs.
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: false,
});
