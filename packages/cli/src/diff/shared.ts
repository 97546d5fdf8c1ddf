import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import {
  defaultBase,
  findRepoRoot,
  loadPrompt,
  loadPromptFromSources,
  readPromptAtRef,
  resolveRef,
  sharedImpact,
  type BaseRef,
  type LoadedPrompt,
} from '@promptpack/core';
import { renderSharedMarkdown, renderSharedText } from '@promptpack/report';
import { PromptpackError } from '@promptpack/spec';
import { findPromptDirs, findPromptsRoot } from '../find-prompts.js';
import { printDiagnostics, type Io } from '../output.js';
import { writeOutput, type DiffFormat } from './write-output.js';

/**
 * `promptpack diff --shared <name>`: every prompt whose policy includes
 * `prompts/_shared/<name>.md` (then or now), the working tree against
 * `--from` (default: the merge base with main), with the release each needs.
 */
export async function sharedCommand(name: string, options: { from?: string; format: DiffFormat; out?: string }, io: Io): Promise<number> {
  if (options.format === 'html') {
    throw new PromptpackError('cli/usage', '--shared prints text, markdown or json; html is for one prompt.', { hint: 'For one affected prompt as a page: promptpack diff <id> --only policy --format html.' });
  }
  const cwd = process.cwd();
  const repoRoot = realpathSync(findRepoRoot(cwd));
  const promptsRoot = findPromptsRoot(cwd);
  if (!promptsRoot) throw new PromptpackError('prompt/not-found', `No prompts/ directory in ${cwd} or any parent.`, { hint: 'Run from a promptpack repository.' });
  const base = baseRef(repoRoot, options.from);
  const sectionPath = path.relative(repoRoot, path.join(realpathSync(promptsRoot), '_shared', `${name}.md`)).split(path.sep).join('/');
  const after = existsSync(path.join(repoRoot, sectionPath)) ? readFileSync(path.join(repoRoot, sectionPath), 'utf8') : undefined;
  const before = gitShow(repoRoot, base.commit, sectionPath);
  if (after === undefined && before === undefined) {
    const known = existsSync(path.join(promptsRoot, '_shared')) ? readdirSync(path.join(promptsRoot, '_shared')).filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -3)) : [];
    throw new PromptpackError('prompt/not-found', `No shared section "${name}": neither ${sectionPath} nor the same file at ${base.ref} exists. ${known.length > 0 ? `Shared sections here: ${known.sort().join(', ')}.` : 'There are no shared sections here.'}`, {
      hint: 'Name a file of prompts/_shared/ without .md, e.g. promptpack diff --shared safety.',
    });
  }

  const pairs: Array<{ before?: LoadedPrompt; after: LoadedPrompt }> = [];
  for (const dir of findPromptDirs([], cwd).map((folder) => realpathSync(folder))) {
    const current = loadPrompt(dir);
    if (!current.success) {
      printDiagnostics(io, current.diagnostics);
      io.err(`warning: ${path.basename(dir)} has errors (above) and is left out.`);
      continue;
    }
    const found = readPromptAtRef({ repoRoot, ref: base.commit, promptDir: dir });
    const relative = path.relative(repoRoot, dir).split(path.sep).join('/');
    const old = found ? loadPromptFromSources({ dir, folder: path.basename(dir), sources: found.sources, shared: found.shared, displayDir: `${base.ref}:${relative}` }) : undefined;
    pairs.push(old?.success ? { before: old.prompt, after: current.prompt } : { after: current.prompt });
  }
  const impact = sharedImpact(name, { ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) }, pairs, { from: base, to: 'working tree' });
  const rendered = options.format === 'json' ? `${JSON.stringify(impact, null, 2)}\n` : options.format === 'markdown' ? renderSharedMarkdown(impact) : renderSharedText(impact, { color: io.color.out && options.out === undefined });
  writeOutput(io, rendered, options.out, `impact of shared section ${name}`);
  return 0;
}

function baseRef(repoRoot: string, from: string | undefined): BaseRef {
  if (from !== undefined) return { ref: from, commit: resolveRef(repoRoot, from) };
  try {
    return defaultBase(repoRoot);
  } catch (error) {
    if (!PromptpackError.isInstance(error)) throw error;
    throw new PromptpackError('git/ref-not-found', 'Cannot find what to compare with: this repository has neither a main branch nor origin/main.', {
      hint: 'Name it: promptpack diff --shared <name> --from HEAD (uncommitted edits) or --from origin/develop.',
    });
  }
}

/** A file's text at a commit; undefined when it did not exist there. */
function gitShow(repoRoot: string, commit: string, file: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${commit}:${file}`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}
