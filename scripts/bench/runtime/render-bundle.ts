import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { buildSync } from './esbuild.js';

export interface RenderBundle {
  bytes: number;
  /** The evals manifest's format tag is in the bundle: eval cases were not shaken out. */
  carriesEvals: boolean;
  /**
   * Length of the messages (as JSON) the bundle renders when run, undefined
   * when it fails to run: a bundle that shook out too much renders less or
   * fails, and some packages cannot be bundled at all (unleash-client's
   * CommonJS requires node built-ins, which an ESM bundle cannot).
   */
  length: number | undefined;
}

/**
 * The consumer bundled for Node as a service would ship it: minified,
 * tree-shaken, everything inlined; then run once in a fresh process, so a
 * size is only reported for a bundle that still works.
 */
export function renderBundle(entry: string, cwd: string): RenderBundle {
  const result = buildSync({ entryPoints: [entry], absWorkingDir: cwd, bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
  const text = result.outputFiles![0]!.text;
  const bundled = entry.replace(/\.mjs$/, '.out.mjs');
  writeFileSync(bundled, text);
  let length: number | undefined;
  try {
    const output = execFileSync(process.execPath, [bundled], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').at(-1)!;
    length = (JSON.parse(output) as { length: number }).length;
  } catch {
    length = undefined;
  }
  return { bytes: Buffer.byteLength(text), carriesEvals: text.includes('promptpack.evals/v1'), length };
}
