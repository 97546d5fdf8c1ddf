import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readPackageIdentity } from '@promptpack/core';
import { ScaffoldError, parseScope, scaffoldPrompt, scopeFromPackageName } from '@promptpack/scaffold';
import { PromptpackError, promptIdSchema } from '@promptpack/spec';
import { findPromptsRoot } from '../find-prompts.js';
import type { Io } from '../output.js';

export interface NewOptions {
  scope?: string;
  dir?: string;
}

/** `promptpack new <id> [--scope @acme] [--dir prompts]`: scaffold a prompt folder that validates and builds. */
export function newCommand(args: readonly string[], options: NewOptions, io: Io): number {
  const [id, ...extra] = args;
  if (!id || extra.length > 0) {
    throw new PromptpackError('cli/usage', 'Usage: promptpack new <id> [--scope @acme] [--dir prompts]', { hint: 'Give exactly one prompt id, e.g. promptpack new order-status.' });
  }
  const parsedId = promptIdSchema.safeParse(id);
  if (!parsedId.success) {
    throw new PromptpackError('cli/usage', `"${id}" is not a valid prompt id: ${parsedId.error.issues[0]?.message}.`, { hint: 'Use kebab-case, e.g. order-status.' });
  }
  const root = promptsFolder(options.dir);
  const scope = resolveScope(root, options.scope);
  const target = path.join(root, id);
  // Never overwrite: an author's existing files are the source of truth.
  if (existsSync(target)) {
    throw new PromptpackError('cli/usage', `${path.relative(process.cwd(), target) || target} already exists; nothing was written.`, {
      hint: 'Pick another id, or edit the existing folder.',
    });
  }
  mkdirSync(target, { recursive: true });
  for (const file of scaffoldPrompt(id, scope)) writeFileSync(path.join(target, file.path), file.contents, { flag: 'wx' });
  io.out(`Created ${path.relative(process.cwd(), target)} (${scope}/prompt-${id}): edit prompt.yaml, policy.md, template.hbs and evals.yaml, then run promptpack validate.`);
  return 0;
}

/**
 * The folder that holds prompt folders: --dir, else the nearest prompts/
 * above the working directory, else a new prompts/ at the repository root
 * the command runs in (a folder with a package.json).
 */
function promptsFolder(dir: string | undefined): string {
  if (dir !== undefined) {
    const resolved = path.resolve(dir);
    if (!existsSync(resolved) || !statSync(resolved).isDirectory()) {
      throw new PromptpackError('cli/usage', `--dir ${dir}: no such folder (${resolved}); nothing was written.`, {
        hint: `Pass the folder that holds your prompt folders, e.g. --dir prompts, or create it first: mkdir -p ${dir}`,
      });
    }
    return resolved;
  }
  const found = findPromptsRoot();
  if (found) return found;
  if (existsSync(path.join(process.cwd(), 'package.json'))) return path.join(process.cwd(), 'prompts');
  throw new PromptpackError('prompt/not-found', `No prompts/ directory in ${process.cwd()} or any parent, and no package.json here to start one beside.`, {
    hint: 'Run it at the root of your prompts repository (npm create promptpack <dir> makes one; promptpack init adds promptpack to an existing one), or pass --dir <folder>.',
  });
}

/** --scope, else the scope of the prompts already there (a repo stays consistent), else the repository's own package name. */
function resolveScope(root: string, flag: string | undefined): string {
  try {
    if (flag !== undefined) return parseScope(flag);
  } catch (error) {
    if (ScaffoldError.isInstance(error)) throw new PromptpackError('cli/usage', error.message);
    throw error;
  }
  const scope = scopeOfPrompts(root) ?? scopeFromPackageName(readName(path.join(path.dirname(root), 'package.json')));
  if (scope) return scope;
  throw new PromptpackError('cli/usage', `Cannot tell which npm scope to publish under: no prompt in ${path.relative(process.cwd(), root) || root} names one, and the repository's package.json has no scoped name like "@acme/prompts".`, {
    hint: 'Pass --scope, e.g. promptpack new order-status --scope @acme (the package becomes @acme/prompt-order-status).',
  });
}

function scopeOfPrompts(root: string): string | undefined {
  if (!existsSync(root)) return undefined;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const scope = scopeFromPackageName(readName(path.join(root, entry.name, 'package.json')));
    if (scope) return scope;
  }
  return undefined;
}

function readName(packageJson: string): string | undefined {
  // Missing or broken: validate reports a broken prompt package.json, not new.
  return readPackageIdentity(packageJson).identity?.name;
}
