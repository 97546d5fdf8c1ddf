// What a flags command works with: the target, the service inventories, the
// prompts repository, and the prompt ids and versions those make known.
import os from 'node:os';
import path from 'node:path';
import { type EvalLookup, gitRoot, releasedVersions, repoPrompts } from './eval-records.js';
import { fileEnvironment, fileTarget } from './file-target.js';
import { type FlagView, variantVersion } from './flag-state.js';
import { FlagsError } from './flags-error.js';
import { type Inventories, loadInventories, promptIn } from './inventory.js';
import type { FlagTarget } from './target.js';
import { unleashTarget } from './unleash-target.js';

/** Where the flags are: an Unleash Admin API or a flags file (exactly one). */
export interface TargetOptions {
  unleash?: string;
  file?: string;
  /** Unleash project. */
  project: string;
  /** Unleash environment; a flags file holds one environment. */
  environment?: string;
}

/** What a flags command is told about its surroundings; the CLI's parsed options fit it. */
export interface ContextOptions extends TargetOptions {
  /** Service inventory URLs (`/promptpack/inventory`). */
  services: string[];
  /** Inventory JSON files. */
  inventories: string[];
  /** Eval records to trust besides the repository's. */
  evalResults: string[];
  /** Service folders whose installed packages carry eval records. */
  serviceDirs: string[];
  /** The prompts repository; the git root of the working directory by default. */
  repo?: string;
  actor?: string;
  /**
   * What the services put before a prompt id to name its flag (the runtime's
   * `flagPrefix`, the example's PROMPTPACK_FLAG_PREFIX): two services serving
   * one prompt under separate flags are operated one prefix at a time.
   */
  flagPrefix?: string;
}

/** The runtime's default flag prefix: prompt `support-reply` is flag `prompt.support-reply`. */
export const flagPrefix = 'prompt.';
export const flagOf = (id: string, prefix: string = flagPrefix) => `${prefix}${id}`;

/** A prefix that names flags in Unleash and in a flags file: letters, digits and `._:/-`, as the runtime's are. */
function checkFlagPrefix(prefix: string): string {
  if (/^[A-Za-z0-9._:/-]*$/.test(prefix)) return prefix;
  throw new FlagsError('flags/usage', `--flag-prefix "${prefix}" has characters a flag name cannot hold (only letters, digits and . _ : / - are allowed).`, 'Example: --flag-prefix checkout. (the flag of support-reply is then checkout.support-reply), as the service\'s runtime flagPrefix says.');
}

export function createTarget(options: TargetOptions, env: NodeJS.ProcessEnv): FlagTarget {
  if (options.unleash && options.file) throw new FlagsError('flags/usage', 'Pass either --unleash URL or --file PATH, not both.');
  if (options.file) {
    if (options.environment && options.environment !== fileEnvironment) {
      throw new FlagsError('flags/usage', `--environment does not apply to a flags file: a file holds one environment's flags.`, 'Use one flags file per environment, and point --file at the one you mean.');
    }
    return fileTarget(options.file);
  }
  if (options.unleash) {
    const token = env.UNLEASH_ADMIN_TOKEN;
    if (!token) throw new FlagsError('flags/usage', '--unleash needs an admin token in the environment variable UNLEASH_ADMIN_TOKEN.', 'export UNLEASH_ADMIN_TOKEN=... (an admin API token or a personal access token); it is never printed.');
    return unleashTarget({ url: options.unleash, token, project: options.project, environment: options.environment ?? 'development' });
  }
  throw new FlagsError('flags/usage', 'Which flags? Pass --unleash URL (with UNLEASH_ADMIN_TOKEN set) or --file PATH.', 'Example: promptpack flags status --file ./flags.json');
}

export function actorOf(options: Pick<ContextOptions, 'actor'>, env: NodeJS.ProcessEnv): string {
  if (options.actor?.trim()) return options.actor.trim();
  if (env.USER) return env.USER;
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export interface Context {
  target: FlagTarget;
  inventories: Inventories;
  repo: string | undefined;
  /** Prompt id -> package name, from the repository's prompts/ folder. */
  repoPrompts: Map<string, string>;
  evalLookup: EvalLookup;
  /** Before every prompt id in a flag name; `prompt.` unless the services use another. */
  flagPrefix: string;
}

export async function loadContext(options: ContextOptions, env: NodeJS.ProcessEnv, cwd: string): Promise<Context> {
  const target = createTarget(options, env);
  const repo = options.repo ? path.resolve(cwd, options.repo) : gitRoot(cwd);
  const inventories = await loadInventories({ services: options.services, files: options.inventories.map((file) => path.resolve(cwd, file)) });
  return {
    target,
    flagPrefix: checkFlagPrefix(options.flagPrefix ?? flagPrefix),
    inventories,
    repo,
    repoPrompts: repoPrompts(repo),
    evalLookup: { files: options.evalResults.map((file) => path.resolve(cwd, file)), repo, serviceDirs: options.serviceDirs.map((dir) => path.resolve(cwd, dir)) },
  };
}

/** The package name of a prompt: from an inventory, else from the repository. */
export function packageNameOf(context: Context, id: string): string | undefined {
  for (const service of context.inventories.services) {
    const name = promptIn(service, id)?.name;
    if (name) return name;
  }
  return context.repoPrompts.get(id);
}

/** Fails with the known ids when `id` is known nowhere: not in an inventory, not a flag, not in the repository. */
export async function requireKnownPrompt(context: Context, id: string, view: FlagView): Promise<void> {
  if (view.exists || context.repoPrompts.has(id) || context.inventories.services.some((service) => promptIn(service, id))) return;
  const known = new Set<string>([...context.repoPrompts.keys(), ...context.inventories.services.flatMap((service) => service.prompts.map((prompt) => prompt.id))]);
  try {
    for (const flag of await context.target.list(context.flagPrefix)) known.add(flag.flag.slice(context.flagPrefix.length));
  } catch {
    // The list is a courtesy in an error message; the error itself stands.
  }
  const where = [context.inventories.given ? 'the service inventories' : undefined, context.target.label, context.repo ? `${context.repo}/prompts` : undefined].filter(Boolean).join(', ');
  throw new FlagsError(
    'flags/unknown-prompt',
    `Unknown prompt "${id}": no flag ${flagOf(id, context.flagPrefix)} in ${context.target.label}, and no service or prompts folder has it (looked in ${where}).`,
    known.size > 0 ? `Known prompts: ${[...known].sort().join(', ')}.` : 'No prompts are known here: pass --service/--inventory, or run from the prompts repository.',
  );
}

/** Versions of `id` anyone here knows of: installed by a service, released (git tag), or named by the flag. */
export function knownVersions(context: Context, id: string, view: FlagView): Set<string> {
  const versions = new Set<string>();
  for (const service of context.inventories.services) for (const entry of promptIn(service, id)?.versions ?? []) versions.add(entry.version);
  for (const version of releasedVersions(context.repo, packageNameOf(context, id))) versions.add(version);
  for (const environment of view.environments) for (const strategy of environment.strategies) for (const variant of strategy.variants ?? []) versions.add(variantVersion(variant));
  return versions;
}

export function requireKnownVersion(context: Context, id: string, version: string, view: FlagView): void {
  const known = knownVersions(context, id, view);
  if (known.has(version)) return;
  const sorted = [...known].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  throw new FlagsError(
    'flags/unknown-version',
    `Unknown version "${version}" of ${id}: no service in the inventory has installed it, no release tag ${packageNameOf(context, id) ?? `<package>`}@${version} exists${context.repo ? ` in ${context.repo}` : ''}, and the flag does not name it.`,
    sorted.length > 0 ? `Known versions: ${sorted.join(', ')}.` : 'Nothing here knows a version of it: pass --service/--inventory (what the services installed) or --repo (release tags).',
  );
}
