import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { PromptpackError } from './errors.js';
import { promptFiles, type LoadPromptResult, type PromptFilePart } from './loaded-prompt.js';
import { analyzeTemplate } from './template/analyze-template.js';
import { checkEvals } from './validate/evals.js';
import { checkFewShots } from './validate/fewshots.js';
import { checkPackageJson } from './validate/package-json.js';
import { checkPromptYaml } from './validate/prompt-yaml.js';
import { unusedVariables } from './validate/unused-variables.js';

const partNames = Object.keys(promptFiles) as PromptFilePart[];

/**
 * Reads a prompt folder and validates every part, reporting all problems at
 * once. Never throws for bad content; see `loadPromptOrThrow`.
 */
export function loadPrompt(dir: string): LoadPromptResult {
  const absolute = path.resolve(dir);
  const folder = path.basename(absolute);
  const files = Object.fromEntries(partNames.map((part) => [part, displayPath(absolute, promptFiles[part])])) as Record<PromptFilePart, string>;
  const diagnostics: Diagnostic[] = [];
  const sources = {} as Record<PromptFilePart, string>;
  for (const part of partNames) {
    const text = readPart(absolute, part, files[part], diagnostics);
    if (text !== undefined) sources[part] = text;
  }

  const packageCheck = sources.packageJson !== undefined ? checkPackageJson(files.packageJson, sources.packageJson, folder) : undefined;
  const promptCheck = sources.prompt !== undefined ? checkPromptYaml(files.prompt, sources.prompt, folder) : undefined;
  const fewshotsCheck = sources.fewshots !== undefined ? checkFewShots(files.fewshots, sources.fewshots) : undefined;
  const spec = promptCheck?.spec;
  const evalsCheck = sources.evals !== undefined ? checkEvals(files.evals, sources.evals, spec?.variables) : undefined;
  for (const check of [packageCheck, promptCheck, fewshotsCheck, evalsCheck]) diagnostics.push(...(check?.diagnostics ?? []));

  // Templates can only be checked against a schema that loaded.
  if (spec && promptCheck) {
    const used = new Set<string>();
    for (const part of ['policy', 'template'] as const) {
      if (sources[part] === undefined) continue;
      const analysis = analyzeTemplate(files[part], sources[part], spec.variables);
      diagnostics.push(...analysis.diagnostics);
      for (const usedPath of analysis.usedPaths) used.add(usedPath);
    }
    const templatesParsed = !diagnostics.some((d) => d.code.startsWith('template/') || d.code === 'file/missing');
    if (templatesParsed) diagnostics.push(...unusedVariables(spec.variables, used, promptCheck.yaml));
  }

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || !packageCheck?.packageJson || !spec || !fewshotsCheck?.fewshots || !evalsCheck?.evals) {
    return { success: false, diagnostics: sorted };
  }
  return {
    success: true,
    diagnostics: sorted,
    prompt: {
      dir: absolute,
      files,
      sources,
      packageJson: packageCheck.packageJson,
      spec,
      fewshots: fewshotsCheck.fewshots,
      evals: evalsCheck.evals,
      warnings: sorted,
    },
  };
}

/** `loadPrompt` for callers that want the prompt or an exception listing every problem. */
export function loadPromptOrThrow(dir: string) {
  const result = loadPrompt(dir);
  if (!result.success) {
    throw new PromptpackError('prompt/invalid', `Prompt folder ${displayPath(path.resolve(dir), '')} has errors:`, {
      diagnostics: result.diagnostics,
      hint: 'Run `promptpack validate` on the folder for the full report.',
    });
  }
  return result.prompt;
}

function readPart(dir: string, part: PromptFilePart, shown: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    // Strip a UTF-8 BOM: editors on some systems add one and it would leak into the system message.
    return readFileSync(path.join(dir, promptFiles[part]), 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    diagnostics.push({
      code: missing ? 'file/missing' : 'file/unreadable',
      severity: 'error',
      file: shown,
      line: 0,
      column: 0,
      message: missing ? `Missing ${promptFiles[part]}: every prompt folder needs it.` : `Cannot read ${promptFiles[part]}: ${(error as Error).message}.`,
      hint: missing
        ? `Create it (\`promptpack new <id>\` scaffolds a complete folder); see docs/prompt-format.md.`
        : 'Check the file permissions.',
    });
    return undefined;
  }
}

// Relative to the working directory when inside it, so messages are short and clickable.
function displayPath(dir: string, file: string): string {
  const full = path.join(dir, file);
  const relative = path.relative(process.cwd(), full);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : full;
}
