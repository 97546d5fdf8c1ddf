import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  examplePromptId,
  packageManagerCommands,
  parseRegistryUrl,
  parseScope,
  ScaffoldError,
  scaffoldRepository,
  scopeFromFolder,
  toolingVersion,
  writeNewFolder,
  type PackageManager,
} from '@promptpack/scaffold';
import { closest } from './suggest.js';

export interface CreateIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const usage = `npm create promptpack@latest <dir> [-- options]
pnpm create promptpack <dir> [options]

Creates <dir>: a prompts repository with one example prompt, changesets, CI,
release and policy-review workflows and CODEOWNERS. Installs nothing.

Options:
  --scope <@scope>     npm scope of the prompt packages (default: from the folder name)
  --pnpm | --npm       the workspace kind (default: the package manager running create, else npm)
  --registry <url>     the team's npm registry, written as the scope line of .npmrc
  --help, --version

Example: npm create promptpack@latest acme-prompts -- --scope @acme --registry https://npm.acme.internal/`;

const options = {
  scope: { type: 'string' },
  pnpm: { type: 'boolean' },
  npm: { type: 'boolean' },
  registry: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Runs `create-promptpack` and returns its exit code: 0 created, 1 the folder is in the way, 2 wrong usage. Never exits the process. */
export async function createPromptpack(argv: readonly string[], io: CreateIo = processIo(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.help) {
      io.out(usage);
      return 0;
    }
    if (values.version) {
      io.out(toolingVersion);
      return 0;
    }
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) {
      throw new ScaffoldError('scaffold/usage', dir ? `One folder, please; found ${positionals.length}: ${positionals.join(' ')}.` : 'Which folder should the repository be created in?', {
        hint: 'Example: npm create promptpack@latest acme-prompts',
      });
    }
    if (values.pnpm && values.npm) throw new ScaffoldError('scaffold/usage', '--pnpm and --npm exclude each other.', { hint: 'Pass one of them, or neither.' });
    const packageManager: PackageManager = values.pnpm ? 'pnpm' : values.npm ? 'npm' : (env.npm_config_user_agent ?? '').startsWith('pnpm/') ? 'pnpm' : 'npm';
    const derived = values.scope === undefined ? scopeFromFolder(dir) : undefined;
    if (values.scope === undefined && !derived) {
      throw new ScaffoldError('scaffold/usage', `Cannot derive an npm scope from the folder name "${path.basename(path.resolve(dir))}".`, { hint: 'Pass one: --scope @acme' });
    }
    const scope = values.scope === undefined ? derived! : parseScope(values.scope);
    const registry = values.registry === undefined ? undefined : parseRegistryUrl(values.registry);
    writeNewFolder(dir, scaffoldRepository({ scope, packageManager, registry }));
    report(io, { dir, scope, scopeDerived: derived !== undefined, packageManager, registry });
    return 0;
  } catch (error) {
    if (ScaffoldError.isInstance(error)) {
      io.err(`error ${error.code}: ${error.message}`);
      return error.code === 'scaffold/usage' ? 2 : 1;
    }
    throw error;
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const unknown = /'(-{1,2}[^']+)'/.exec(message)?.[1];
    const suggestion = unknown ? closest(unknown.replace(/^-+/, ''), Object.keys(options)) : undefined;
    const what = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown ? `Unknown option ${unknown}.` : message;
    throw new ScaffoldError('scaffold/usage', suggestion ? `${what} Did you mean --${suggestion}?` : what, { hint: `Options: --scope, --pnpm, --npm, --registry, --help. ${usage.split('\n').at(-1)}` });
  }
}

function report(io: CreateIo, created: { dir: string; scope: string; scopeDerived: boolean; packageManager: PackageManager; registry: string | undefined }): void {
  const commands = packageManagerCommands(created.packageManager);
  io.out(`Created ${created.dir} (${created.packageManager} workspace) for ${created.scope} prompt packages, with the example prompt prompts/${examplePromptId}.`);
  if (created.scopeDerived) io.out(`The scope ${created.scope} comes from the folder name; pass --scope @your-team to choose another.`);
  if (!created.registry) io.out(`Set the team's registry in .npmrc (the commented ${created.scope}:registry= line) before the first release.`);
  io.out(`\nNext:\n  cd ${created.dir}\n  git init\n  ${commands.install}\n  ${commands.exec} promptpack validate\n  ${commands.exec} promptpack build`);
}

function processIo(): CreateIo {
  return { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
}
