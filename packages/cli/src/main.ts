import { PromptpackError } from '@promptpack/spec/plain';
import { CommanderError } from 'commander';
import { processIo, type Io } from './output.js';
import { createProgram } from './program/create-program.js';
import type { Invocation } from './program/invocation.js';

/** What a test injects instead of the process's own environment and working directory. */
export interface MainEnvironment {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Runs one CLI invocation and returns its exit code: 0 ok, 1 the prompts
 * have errors, 2 the command was used wrongly (some commands add their own,
 * e.g. flags' 3 for a refusal). Never calls process.exit, so tests call it
 * in-process. Each command's module is loaded only when it runs (see
 * program/register-command.ts).
 */
export async function main(argv: readonly string[], io?: Io, environment: MainEnvironment = {}): Promise<number> {
  const env = environment.env ?? process.env;
  const invocation: Invocation = { io: io ?? processIo(env), env, cwd: environment.cwd ?? process.cwd(), exitCode: 0 };
  try {
    await createProgram(invocation).parseAsync([...argv], { from: 'user' });
    return invocation.exitCode;
  } catch (error) {
    // The parser has printed its message (with a suggestion) and the usage; --help and --version end here with 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (PromptpackError.isInstance(error)) {
      invocation.io.err(`error ${error.code}: ${error.message}`);
      // A wrong command line or a ref that does not exist: the invocation, not the prompts, is at fault.
      return error.code === 'cli/usage' || error.code === 'git/ref-not-found' ? 2 : 1;
    }
    throw error;
  }
}
