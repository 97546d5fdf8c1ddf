import path from 'node:path';
import { buildPrompts, type BuildPromptResult } from '@promptpack/build';
import { findPromptDirs } from '../find-prompts.js';
import { diagnosticJson, plural, printDiagnostics, printJson, type Io } from '../output.js';

export interface BuildOptions {
  /** Print one JSON document on stdout instead of the text report. */
  json?: boolean;
}

/** `promptpack build [dir...]`: validate, then write each prompt package's dist/. A prompt with errors is not built. */
export async function buildCommand(args: readonly string[], options: BuildOptions, io: Io): Promise<number> {
  const dirs = findPromptDirs(args);
  const started = performance.now();
  const { success, results } = buildPrompts(dirs);
  if (options.json) {
    printJson(io, { specificationVersion: 1, ok: success, built: results.filter((result) => result.success).length, failed: results.filter((result) => !result.success).length, prompts: results.map(resultJson) });
    return success ? 0 : 1;
  }
  let failed = 0;
  for (const result of results) {
    printDiagnostics(io, result.diagnostics);
    const name = path.basename(result.dir);
    if (!result.success) {
      failed += 1;
      io.err(`not built ${name}: fix the errors above (nothing was written).`);
      continue;
    }
    const change = result.written.length > 0 ? `${plural(result.written.length, 'file')} written` : 'up to date';
    const removed = result.removed.length > 0 ? `, removed stale ${result.removed.join(', ')}` : '';
    io.out(`built ${result.manifest.name}@${result.manifest.version} (${change}${removed})`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.out(`${plural(results.length - failed, 'prompt')} built, ${failed} failed, in ${seconds} s.`);
  return success ? 0 : 1;
}

// The same keys for a built and a refused prompt, so a script reads one shape.
function resultJson(result: BuildPromptResult) {
  const common = { id: path.basename(result.dir), dir: path.relative(process.cwd(), result.dir) || '.', ok: result.success, diagnostics: result.diagnostics.map(diagnosticJson) };
  if (!result.success) return { ...common, package: null, version: null, written: [], unchanged: [], removed: [] };
  return { ...common, package: result.manifest.name, version: result.manifest.version, written: result.written, unchanged: result.unchanged, removed: result.removed };
}
