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

export interface LoadPromptFromSourcesOptions {
  /** Path of the folder the sources belong to; becomes `LoadedPrompt.dir` (resolved to absolute). */
  dir: string;
  /** Folder name the prompt id and package name must match. */
  folder: string;
  /** File contents by part; a part left out is reported as a missing file. */
  sources: Partial<Record<PromptFilePart, string>>;
  /**
   * How the folder is named in diagnostics, e.g. `main:prompts/support-reply`
   * for a snapshot read from git. Defaults to `dir` relative to the working directory.
   */
  displayDir?: string;
}

/**
 * Reads a prompt folder and validates every part, reporting all problems at
 * once. Never throws for bad content; see `loadPromptOrThrow`.
 */
export function loadPrompt(dir: string): LoadPromptResult {
  const absolute = path.resolve(dir);
  const files = displayFiles(absolute);
  const diagnostics: Diagnostic[] = [];
  const sources: Partial<Record<PromptFilePart, string>> = {};
  const unreadable = new Set<PromptFilePart>();
  for (const part of partNames) {
    const read = readPart(absolute, part, files[part]);
    if (read.text !== undefined) sources[part] = read.text;
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      unreadable.add(part);
    }
  }
  return validateSources(absolute, path.basename(absolute), files, sources, diagnostics, unreadable);
}

/**
 * Validates a prompt whose files are already in memory (a git revision, an
 * editor buffer, a published tarball) exactly as `loadPrompt` validates a
 * folder on disk, with the same diagnostics.
 */
export function loadPromptFromSources(options: LoadPromptFromSourcesOptions): LoadPromptResult {
  const absolute = path.resolve(options.dir);
  const files = displayFiles(absolute, options.displayDir);
  return validateSources(absolute, options.folder, files, options.sources, [], new Set());
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

function validateSources(
  absolute: string,
  folder: string,
  files: Record<PromptFilePart, string>,
  given: Partial<Record<PromptFilePart, string>>,
  diagnostics: Diagnostic[],
  unreadable: ReadonlySet<PromptFilePart>,
): LoadPromptResult {
  const sources = {} as Record<PromptFilePart, string>;
  for (const part of partNames) {
    const text = given[part];
    // Strip a UTF-8 BOM: editors on some systems add one and it would leak into the system message.
    if (text !== undefined) sources[part] = text.replace(/^\uFEFF/, '');
    else if (!unreadable.has(part)) diagnostics.push(missingFile(part, files[part]));
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

function readPart(dir: string, part: PromptFilePart, shown: string): { text?: string; diagnostic?: Diagnostic } {
  try {
    return { text: readFileSync(path.join(dir, promptFiles[part]), 'utf8') };
  } catch (error) {
    // A missing file is reported by validateSources, the same way for disk and memory.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return {
      diagnostic: {
        code: 'file/unreadable',
        severity: 'error',
        file: shown,
        line: 0,
        column: 0,
        message: `Cannot read ${promptFiles[part]}: ${(error as Error).message}.`,
        hint: 'Check the file permissions.',
      },
    };
  }
}

function missingFile(part: PromptFilePart, shown: string): Diagnostic {
  return {
    code: 'file/missing',
    severity: 'error',
    file: shown,
    line: 0,
    column: 0,
    message: `Missing ${promptFiles[part]}: every prompt folder needs it.`,
    hint: `Create it (\`promptpack new <id>\` scaffolds a complete folder); see docs/prompt-format.md.`,
  };
}

function displayFiles(absolute: string, displayDir?: string): Record<PromptFilePart, string> {
  const shown = (file: string) => (displayDir === undefined ? displayPath(absolute, file) : `${displayDir.replace(/[\\/]+$/, '')}/${file}`);
  return Object.fromEntries(partNames.map((part) => [part, shown(promptFiles[part])])) as Record<PromptFilePart, string>;
}

// Relative to the working directory when inside it, so messages are short and clickable.
function displayPath(dir: string, file: string): string {
  const full = path.join(dir, file);
  const relative = path.relative(process.cwd(), full);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : full;
}
