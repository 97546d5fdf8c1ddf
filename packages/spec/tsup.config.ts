import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries: `plain` must never pull zod in, so a runtime can import it alone.
  entry: ['src/index.ts', 'src/plain.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  sourcemap: false,
});
