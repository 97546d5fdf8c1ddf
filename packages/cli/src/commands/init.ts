import { PromptpackError } from '@promptpack/spec';
import { ScaffoldError, examplePromptId, parseRegistryUrl, parseScope, scaffoldRepository, scopeFromFolder, writeIntoFolder } from '@promptpack/scaffold';
import type { Io } from '../output.js';

export interface InitOptions {
  scope?: string;
  pnpm?: boolean;
  registry?: string;
}

/**
 * `promptpack init [--scope @acme] [--pnpm] [--registry url]`: the files
 * `npm create promptpack` writes, added to the repository in the working
 * directory. Never overwrites and merges nothing: when any file is in the
 * way, it lists every one and writes none.
 */
export function initCommand(args: readonly string[], options: InitOptions, io: Io, cwd: string = process.cwd()): number {
  if (args.length > 0) {
    throw new PromptpackError('cli/usage', `promptpack init works in the current folder and takes no arguments; found: ${args.join(' ')}.`, {
      hint: 'cd into the repository first, or create a new one with: npm create promptpack@latest <dir>',
    });
  }
  const root = cwd;
  try {
    // A repository with a package.json conflicts anyway (init never edits one), so the folder name is the only other source.
    const scope = options.scope !== undefined ? parseScope(options.scope) : scopeFromFolder(root);
    if (!scope) throw new ScaffoldError('scaffold/usage', `Cannot derive an npm scope for ${root}.`, { hint: 'Pass one: promptpack init --scope @acme' });
    const registry = options.registry === undefined ? undefined : parseRegistryUrl(options.registry);
    const written = writeIntoFolder(root, scaffoldRepository({ scope, packageManager: options.pnpm ? 'pnpm' : 'npm', registry }));
    io.out(`Added ${written.length} files for ${scope} prompt packages, with the example prompt prompts/${examplePromptId}:`);
    for (const file of written) io.out(`  ${file}`);
    if (options.scope === undefined) io.out(`The scope ${scope} comes from the folder name; pass --scope to choose another.`);
    io.out(`Next: ${options.pnpm ? 'pnpm install' : 'npm install'}, then promptpack validate and promptpack build.`);
    return 0;
  } catch (error) {
    if (!ScaffoldError.isInstance(error)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    return error.code === 'scaffold/usage' ? 2 : 1;
  }
}
