import { parseArgs } from 'node:util';
import { PromptpackError } from '@promptpack/core';
import { buildCommand } from './commands/build.js';
import { newCommand } from './commands/new.js';
import { validateCommand } from './commands/validate.js';
import { processIo, type Io } from './output.js';

const usage = `promptpack <command> [options]

Commands:
  validate [dir...]            check prompt folders; report every problem with file:line:column
  build [dir...]               validate, then write each prompt package's dist/
  new <id> [--scope @acme]     scaffold a prompt folder that validates and builds

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
      return error.code === 'cli/usage' ? 2 : 1;
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
