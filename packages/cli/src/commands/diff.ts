import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { diffParts, diffPrompts, findRepoRoot, listReleaseTags, readPackageIdentity, releaseBase, type DiffPart } from '@promptpack/core';
import { renderDiffHtml, renderDiffMarkdown, renderDiffText } from '@promptpack/report';
import { PromptpackError, type PackageIdentity } from '@promptpack/spec';
import { findPromptsRoot } from '../find-prompts.js';
import type { Io } from '../output.js';
import { diffRegistryTarget } from '../diff/registry-target.js';
import { resolveSide, workingTree, type SideContext } from '../diff/resolve-side.js';
import { sharedCommand } from '../diff/shared.js';
import { diffFormats, writeOutput, type DiffFormat } from '../diff/write-output.js';

export interface DiffOptions {
  from?: string;
  to?: string;
  only?: string;
  /** text (default), markdown, html or json; `--format json` stays as an alias of `--json`. */
  format?: string;
  /** Print the diff as JSON: the same as `--format json`. */
  json?: boolean;
  registry?: string;
  out?: string;
  shared?: string;
}

/**
 * `promptpack diff <id>`: what changed in one prompt between two versions,
 * git refs or the working tree, part by part, with the release it needs;
 * `promptpack diff --shared <name>`: which prompts a shared-section change
 * reaches. Always exits 0 when it could compare: a difference is an answer,
 * not a failure.
 */
export async function diffCommand(args: readonly string[], options: DiffOptions, io: Io): Promise<number> {
  const format = parseFormat(options.format, options.json);
  const only = parseOnly(options.only);
  if (options.shared !== undefined) {
    if (args.length > 0 || options.to !== undefined || only !== undefined) {
      throw usage('--shared compares the working tree with --from; it takes no prompt id, --to or --only.', 'promptpack diff --shared safety --from main');
    }
    return sharedCommand(options.shared, { from: options.from, format, out: options.out }, io);
  }
  if (args.length !== 1) throw usage(args.length === 0 ? 'Name the prompt to compare.' : `Compare one prompt at a time; got ${args.join(', ')}.`, 'promptpack diff support-reply --from 1.4.0 --to 1.5.0');

  const cwd = process.cwd();
  const repoRoot = findRepoRoot(cwd);
  const dir = realpathSync(findPrompt(args[0]!, cwd));
  const packageName = readPackageName(dir);
  const context: SideContext = { repoRoot: realpathSync(repoRoot), dir, packageName, registry: await diffRegistryTarget(packageName, options.registry, repoRoot) };

  const from = options.from ?? lastRelease(context);
  const before = await resolveSide(context, from);
  const after = await resolveSide(context, options.to ?? workingTree);
  if (options.from === undefined) before.endpoint.notes = [...(before.endpoint.notes ?? []), `no --from given: compared with the last release, ${packageName}@${from}.`];
  const diff = diffPrompts(before, after, only ? { only } : {});

  const color = io.color.out && options.out === undefined && format === 'text';
  const rendered =
    format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : format === 'markdown' ? renderDiffMarkdown(diff) : format === 'html' ? renderDiffHtml(diff) : renderDiffText(diff, { color });
  writeOutput(io, rendered, options.out, `${format} diff of ${diff.id}`);
  return 0;
}

function lastRelease(context: SideContext): string {
  const version = readIdentity(context.dir, 'version');
  const tag = releaseBase(listReleaseTags(context.repoRoot, context.packageName), version);
  if (!tag) {
    throw new PromptpackError('cli/usage', `${context.packageName} has no release tag (${context.packageName}@<version>) to compare with by default.`, {
      hint: 'Name what to compare with: --from main, --from <commit>, or --from <version> with --registry <url>; or fetch the tags (git fetch --tags).',
    });
  }
  return tag.version;
}

/** The prompt folder for an id (`support-reply`) or a path (`prompts/support-reply`). */
function findPrompt(id: string, cwd: string): string {
  const root = findPromptsRoot(cwd);
  const candidates = [path.resolve(cwd, id), ...(root ? [path.join(root, id)] : [])];
  const found = candidates.find((candidate) => existsSync(path.join(candidate, 'package.json')) && existsSync(path.join(candidate, 'prompt.yaml')));
  if (found) return found;
  const known = root ? promptIds(root) : [];
  throw new PromptpackError('prompt/not-found', `Unknown prompt "${id}"${root ? ` in ${path.relative(cwd, root) || '.'}` : ''}. ${known.length > 0 ? `Prompts here: ${known.join(', ')}.` : 'There are no prompts here.'}`, {
    hint: 'Pass the id of a folder under prompts/, e.g. promptpack diff support-reply --from 1.0.0.',
  });
}

function promptIds(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !/^[_.]/.test(name) && existsSync(path.join(root, name, 'prompt.yaml')))
    .sort();
}

function readPackageName(dir: string): string {
  return readIdentity(dir, 'name');
}

/** A field of the prompt's package.json the releases are found by; a located error when it cannot be read. */
function readIdentity(dir: string, field: keyof PackageIdentity): string {
  const file = path.join(dir, 'package.json');
  const read = readPackageIdentity(file);
  const value = read.identity?.[field];
  if (value !== undefined) return value;
  throw new PromptpackError('prompt/invalid', `${file} has no package ${field}, so its releases cannot be found.`, {
    ...(read.diagnostic ? { diagnostics: [read.diagnostic] } : {}),
    hint: 'Run promptpack validate on the folder.',
  });
}

function parseFormat(format: string | undefined, json: boolean | undefined): DiffFormat {
  if (json) {
    if (format !== undefined && format !== 'json') throw usage(`--json and --format ${format} ask for two formats; pass one.`, '--json (or --format json) for JSON, --format markdown for markdown');
    return 'json';
  }
  if (format === undefined) return 'text';
  if ((diffFormats as readonly string[]).includes(format)) return format as DiffFormat;
  throw usage(`Unknown --format "${format}"; expected one of ${diffFormats.join(', ')}.`, '--format markdown');
}

function parseOnly(only: string | undefined): DiffPart | undefined {
  if (only === undefined) return undefined;
  if ((diffParts as readonly string[]).includes(only)) return only as DiffPart;
  throw usage(`Unknown --only "${only}"; expected one of ${diffParts.join(', ')}.`, '--only policy');
}

function usage(message: string, example: string): PromptpackError {
  return new PromptpackError('cli/usage', message, { hint: `For example: ${example}` });
}
