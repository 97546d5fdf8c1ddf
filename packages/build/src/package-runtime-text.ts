import { bundlePackageRuntime } from './bundle-package-runtime.js';

let bundled: string | undefined;

/**
 * The JavaScript every generated module starts with: ./package-runtime/,
 * bundled. Bundled on first use when the build runs from source (tests,
 * scripts); the published dist replaces this module with the finished text
 * (tsup.config.ts), so a prompt build never runs esbuild and every prompt
 * built with one release of @promptpack/build carries the same bytes.
 */
export function packageRuntimeText(): string {
  bundled ??= bundlePackageRuntime();
  return bundled;
}
