import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/** What emit-module.ts calls; the bundle must export exactly these, under these names. */
export const packageRuntimeExports = [
  'PromptHistoryError',
  'PromptOutputError',
  'PromptRenderError',
  'PromptToolCallError',
  'PromptVariablesError',
  'checkInteger',
  'checkMaxLength',
  'checkMaximum',
  'checkMinLength',
  'checkMinimum',
  'checkPattern',
  'checkValue',
  'deepFreeze',
  'definePrompt',
  'dropIssues',
  'expectNumber',
  'expectPresent',
  'expectType',
  'finishCheck',
  'isNumber',
  'isObject',
  'lazySchema',
  'parsePartialPromptOutput',
  'parsePromptOutput',
  'parsePromptToolCall',
  'refuseKeys',
  'refuseLongArray',
  'renderPrompt',
  'safeParsePartialPromptOutput',
  'safeParsePromptOutput',
  'safeParsePromptToolCall',
  'safeRenderPrompt',
  'startCheck',
] as const;

const sourceDir = fileURLToPath(new URL('./package-runtime/', import.meta.url));

/**
 * Bundles ./package-runtime/ into the block of JavaScript every generated
 * module starts with: its top-level declarations become the module's own, and
 * the export statement goes (emit-module writes the module's exports). Runs
 * when the tooling is built (tsup.config.ts puts the result into the dist) and
 * when tests or scripts run the build from source; never per prompt.
 *
 * Deterministic for a given esbuild version: no paths but the file names
 * below sourceDir, no timestamps.
 */
export function bundlePackageRuntime(): string {
  const result = buildSync({
    entryPoints: ['index.ts'],
    // File names in the bundle's `// errors.ts` comments are relative to this, whatever the caller's cwd.
    absWorkingDir: sourceDir,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    // Node 20, like the packages' engines; nothing newer slips into a dist.
    target: 'es2022',
    platform: 'neutral',
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  const [meta] = Object.values(result.metafile.outputs);
  if (!output || !meta) throw new Error(`esbuild produced no bundle for ${sourceDir}index.ts.`);
  // A generated module imports only zod, and declares that import itself.
  if (meta.imports.length > 0) {
    throw new Error(`The package runtime must import nothing, but ${sourceDir} imports ${meta.imports.map((entry) => entry.path).join(', ')}; use \`import type\` for types.`);
  }
  const exported = [...meta.exports].sort();
  if (exported.join() !== [...packageRuntimeExports].sort().join()) {
    throw new Error(`${sourceDir}index.ts must export exactly ${packageRuntimeExports.join(', ')} (emit-module.ts calls them); it exports ${exported.join(', ')}.`);
  }
  // Unrenamed exports only: a renamed one (`x as y`) would leave y undeclared in the module.
  const exportStatement = /\nexport \{\n(?:  [A-Za-z]+,?\n)+\};\n$/;
  if (!exportStatement.test(output.text)) {
    throw new Error(`The package runtime bundle does not end in a plain export list; a top-level name of ${sourceDir} is probably declared twice. Rename one of them.`);
  }
  return output.text.replace(exportStatement, '\n');
}
