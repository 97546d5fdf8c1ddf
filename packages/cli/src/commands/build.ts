import path from 'node:path';
import { buildPrompts } from '@promptpack/build';
import { findPromptDirs } from '../find-prompts.js';
import { plural, printDiagnostics, type Io } from '../output.js';

/** `promptpack build [dir...]`: validate, then write each prompt package's dist/. A prompt with errors is not built. */
export async function buildCommand(args: readonly string[], io: Io): Promise<number> {
  const dirs = findPromptDirs(args);
  const started = performance.now();
  const { success, results } = buildPrompts(dirs);
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
