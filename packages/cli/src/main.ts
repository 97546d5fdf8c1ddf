import { parseArgs } from 'node:util';
import { PromptpackError } from '@promptpack/core';
import { buildCommand } from './commands/build.js';
import { checkCommand, type CheckOptions } from './commands/check.js';
import { newCommand } from './commands/new.js';
import { validateCommand } from './commands/validate.js';
import { processIo, type Io } from './output.js';

const usage = `promptpack <command> [options]

Commands:
  validate [dir...]            check prompt folders; report every problem with file:line:column
  build [dir...]               validate, then write each prompt package's dist/
  new <id> [--scope @acme]     scaffold a prompt folder that validates and builds
  check [dir...]               fail when a prompt changed more than its pending changesets declare
        [--base <ref>]         compare with this git ref (default: the merge base of HEAD with main)
        [--published]          compare with each prompt's last release tag and check its new version
        [--json]               print a JSON report on stdout

With no dir, commands use every folder in the nearest prompts/ directory.
Exit codes: 0 ok, 1 the prompts have errors, 2 the command was used wrongly.`;

/** Runs one CLI invocation and returns its exit code; never calls process.exit (tests call it in-process). */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return validateCommand(parse(rest, {}).positionals, io);
      case 'build':
        return await buildCommand(parse(rest, {}).positionals, io);
      case 'check': {
        const { positionals, values } = parse(rest, { base: { type: 'string' }, published: { type: 'boolean' }, json: { type: 'boolean' } });
        return await checkCommand(positionals, values as CheckOptions, io);
      }
      case 'new': {
        const { positionals, values } = parse(rest, { scope: { type: 'string' }, dir: { type: 'string' } });
        return newCommand(positionals, values as { scope?: string; dir?: string }, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command "${command}".\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (PromptpackError.isInstance(error)) {
      io.err(`error ${error.code}: ${error.message}`);
      // A wrong command line or a ref that does not exist: the invocation, not the prompts, is at fault.
      return error.code === 'cli/usage' || error.code === 'git/ref-not-found' ? 2 : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse(args: readonly string[], options: Options) {
  return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
}
