import { readdirSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, parsePolicyLockText, PromptpackError, sortDiagnostics, type Diagnostic } from '@promptpack/spec';
import { readSourceFile, symlinkedFolder } from './files/read-source-file.js';
import { optionalPromptFiles, promptFiles, type LoadPromptResult, type OptionalPromptFilePart, type PromptFilePart, type SharedSection } from './loaded-prompt.js';
import { includedSectionNames, sharedFolder, sharedSectionFile } from './shared/find-includes.js';
import { analyzeTemplate } from './template/analyze-template.js';
import { checkEvals, type DeclaredTools } from './validate/evals.js';
import { checkFewShots } from './validate/fewshots.js';
import { checkPackageJson } from './validate/package-json.js';
import { checkPromptYaml } from './validate/prompt-yaml.js';
import { checkTools } from './validate/tools.js';
import { unusedVariables } from './validate/unused-variables.js';

const partNames = Object.keys(promptFiles) as PromptFilePart[];
const optionalPartNames = Object.keys(optionalPromptFiles) as OptionalPromptFilePart[];
const allFiles = { ...promptFiles, ...optionalPromptFiles };
type AnyPart = PromptFilePart | OptionalPromptFilePart;

export interface LoadPromptFromSourcesOptions {
  /** Path of the folder the sources belong to; becomes `LoadedPrompt.dir` (resolved to absolute). */
  dir: string;
  /** Folder name the prompt id and package name must match. */
  folder: string;
  /** File contents by part; a required part left out is reported as a missing file, policy.lock may be left out. */
  sources: Partial<Record<AnyPart, string>>;
  /**
   * Shared sections by name (`safety` for `_shared/safety.md`): every one
   * there is, or at least every one policy.md includes. An include of a name
   * missing here is reported as `template/unknown-partial`.
   */
  shared?: Readonly<Record<string, string>>;
  /**
   * How the folder is named in diagnostics, e.g. `main:prompts/support-reply`
   * for a snapshot read from git. Defaults to `dir` relative to the working directory.
   */
  displayDir?: string;
  /** How the shared folder is named in diagnostics; defaults to `_shared` beside `displayDir` (`main:prompts/_shared`). */
  sharedDisplayDir?: string;
}

/** The shared sections a prompt can see: every name, and the text of the ones its policy includes. */
interface SharedInput {
  available: string[];
  sections: Map<string, SharedSection>;
  /** Sections that exist but could not be read (a link, bad UTF-8): already reported, so not "unknown" too. */
  unreadable?: ReadonlySet<string>;
}

/**
 * Reads a prompt folder and validates every part, reporting all problems at
 * once. Never throws for bad content; see `loadPromptOrThrow`.
 */
export function loadPrompt(dir: string): LoadPromptResult {
  const absolute = path.resolve(dir);
  const files = displayFiles(absolute);
  const diagnostics: Diagnostic[] = [];
  const sources: Partial<Record<AnyPart, string>> = {};
  const unreadable = new Set<AnyPart>();
  // A linked prompt folder could be any folder on the machine; say so instead of reading (or skipping) it.
  const linked = symlinkedFolder(absolute, displayPath(absolute, ''));
  if (linked) return { success: false, diagnostics: [linked] };
  for (const part of [...partNames, ...optionalPartNames]) {
    const read = readSourceFile(path.join(absolute, allFiles[part]), files[part]);
    if (read.text !== undefined) sources[part] = read.text;
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      unreadable.add(part);
    }
  }
  const shared = readShared(path.join(path.dirname(absolute), sharedFolder), sources.policy, diagnostics);
  return validateSources(absolute, path.basename(absolute), files, sources, shared, diagnostics, unreadable);
}

/**
 * Validates a prompt whose files are already in memory (a git revision, an
 * editor buffer, a published tarball) exactly as `loadPrompt` validates a
 * folder on disk, with the same diagnostics.
 */
export function loadPromptFromSources(options: LoadPromptFromSourcesOptions): LoadPromptResult {
  const absolute = path.resolve(options.dir);
  const files = displayFiles(absolute, options.displayDir);
  const sharedDir =
    options.sharedDisplayDir?.replace(/[\\/]+$/, '') ??
    (options.displayDir === undefined ? displayPath(path.join(path.dirname(absolute), sharedFolder), '') : `${path.posix.dirname(options.displayDir.replace(/\\/g, '/').replace(/\/+$/, ''))}/${sharedFolder}`);
  const given = options.shared ?? {};
  const included = options.sources.policy === undefined ? [] : includedSectionNames(options.sources.policy);
  const sections = new Map(
    included.filter((name) => Object.hasOwn(given, name)).map((name) => [name, { name, file: `${sharedDir}/${sharedSectionFile(name)}`, text: given[name]!.replace(/^\uFEFF/, '') }]),
  );
  return validateSources(absolute, options.folder, files, options.sources, { available: Object.keys(given).sort(), sections }, [], new Set());
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
  files: Record<AnyPart, string>,
  given: Partial<Record<AnyPart, string>>,
  shared: SharedInput,
  diagnostics: Diagnostic[],
  unreadable: ReadonlySet<AnyPart>,
): LoadPromptResult {
  const sources = {} as Record<PromptFilePart, string> & Partial<Record<OptionalPromptFilePart, string>>;
  for (const part of [...partNames, ...optionalPartNames]) {
    const text = given[part];
    // Strip a UTF-8 BOM: editors on some systems add one and it would leak into the system message.
    if (text !== undefined) sources[part] = text.replace(/^\uFEFF/, '');
    else if (!unreadable.has(part) && Object.hasOwn(promptFiles, part)) diagnostics.push(missingFile(part as PromptFilePart, files[part]));
  }
  const lockCheck = sources.policyLock !== undefined ? parsePolicyLockText(files.policyLock, sources.policyLock) : undefined;
  diagnostics.push(...(lockCheck?.diagnostics ?? []));

  const packageCheck = sources.packageJson !== undefined ? checkPackageJson(files.packageJson, sources.packageJson, folder) : undefined;
  const promptCheck = sources.prompt !== undefined ? checkPromptYaml(files.prompt, sources.prompt, folder) : undefined;
  const fewshotsCheck = sources.fewshots !== undefined ? checkFewShots(files.fewshots, sources.fewshots) : undefined;
  const spec = promptCheck?.spec;
  const toolsCheck = sources.tools !== undefined ? checkTools(files.tools, sources.tools) : undefined;
  const declaredTools: DeclaredTools | undefined = !toolsCheck ? (unreadable.has('tools') ? undefined : { file: 'absent' }) : toolsCheck.tools ? { file: 'valid', tools: toolsCheck.tools } : undefined;
  const evalsCheck = sources.evals !== undefined ? checkEvals(files.evals, sources.evals, spec?.variables, declaredTools, spec ? (spec.history ?? null) : undefined) : undefined;
  for (const check of [packageCheck, promptCheck, fewshotsCheck, evalsCheck, toolsCheck]) diagnostics.push(...(check?.diagnostics ?? []));

  // Templates can only be checked against a schema that loaded.
  if (spec && promptCheck) {
    const used = new Set<string>();
    for (const part of ['policy', 'template'] as const) {
      if (sources[part] === undefined) continue;
      // Only the policy may include shared sections: they hold policy text that legal reviews.
      const options = part === 'policy' ? { shared: { sections: shared.sections, available: shared.available, promptId: folder } } : {};
      const analysis = analyzeTemplate(files[part], sources[part], spec.variables, options);
      diagnostics.push(...analysis.diagnostics.filter((d) => !(d.code === 'template/unknown-partial' && d.path !== undefined && shared.unreadable?.has(d.path))));
      for (const usedPath of analysis.usedPaths) used.add(usedPath);
    }
    const templatesParsed = !diagnostics.some((d) => d.code.startsWith('template/') || d.code === 'file/missing');
    if (templatesParsed) diagnostics.push(...unusedVariables(spec.variables, used, promptCheck.yaml));
  }

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || !packageCheck?.packageJson || !spec || !fewshotsCheck?.fewshots || !evalsCheck?.evals || (toolsCheck && !toolsCheck.tools)) {
    return { success: false, diagnostics: sorted };
  }
  return {
    success: true,
    diagnostics: sorted,
    prompt: {
      dir: absolute,
      files,
      sources,
      shared: [...shared.sections.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      policyLock: lockCheck?.lock,
      packageJson: packageCheck.packageJson,
      spec,
      fewshots: fewshotsCheck.fewshots,
      evals: evalsCheck.evals,
      tools: toolsCheck?.tools ?? [],
      warnings: sorted,
    },
  };
}

/** The shared folder's section names, and the text of the sections `policy` includes (only those are read). */
function readShared(dir: string, policy: string | undefined, diagnostics: Diagnostic[]): SharedInput {
  let available: string[] = [];
  const linked = symlinkedFolder(dir, displayPath(dir, ''));
  if (linked) {
    diagnostics.push(linked);
    return { available, sections: new Map() };
  }
  try {
    available = readdirSync(dir, { withFileTypes: true })
      // Links are listed so that reading one reports it, rather than calling the section unknown.
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith('.md'))
      .map((entry) => entry.name.slice(0, -'.md'.length))
      .sort();
  } catch (error) {
    // No shared folder: a repository that shares nothing.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const sections = new Map<string, SharedSection>();
  const unreadable = new Set<string>();
  for (const name of policy === undefined ? [] : includedSectionNames(policy)) {
    if (!available.includes(name)) continue;
    const file = displayPath(dir, sharedSectionFile(name));
    const read = readSourceFile(path.join(dir, sharedSectionFile(name)), file);
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      unreadable.add(name);
    }
    if (read.text !== undefined) sections.set(name, { name, file, text: read.text.replace(/^\uFEFF/, '') });
  }
  return { available, sections, unreadable };
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

function displayFiles(absolute: string, displayDir?: string): Record<AnyPart, string> {
  const shown = (file: string) => (displayDir === undefined ? displayPath(absolute, file) : `${displayDir.replace(/[\\/]+$/, '')}/${file}`);
  return Object.fromEntries([...partNames, ...optionalPartNames].map((part) => [part, shown(allFiles[part])])) as Record<AnyPart, string>;
}

// Relative to the working directory when inside it, so messages are short and clickable.
function displayPath(dir: string, file: string): string {
  const full = path.join(dir, file);
  const relative = path.relative(process.cwd(), full);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : full;
}
