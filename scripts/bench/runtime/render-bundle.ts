import { buildSync } from './esbuild.js';

export interface RenderBundle {
  bytes: number;
  /** The evals manifest's format tag is in the bundle: eval cases were not shaken out. */
  carriesEvals: boolean;
}

/** The consumer bundled for Node as a service would ship it: minified, tree-shaken, everything inlined. */
export function renderBundle(entry: string, cwd: string): RenderBundle {
  const result = buildSync({ entryPoints: [entry], absWorkingDir: cwd, bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent' });
  const text = result.outputFiles![0]!.text;
  return { bytes: Buffer.byteLength(text), carriesEvals: text.includes('promptpack.evals/v1') };
}
