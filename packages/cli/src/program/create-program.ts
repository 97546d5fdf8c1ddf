import { Command } from 'commander';
import { commandPath, environmentHelp, exitCodesHelp, withExamples } from './help-text.js';
import type { Invocation } from './invocation.js';
import { registeredCommands } from './registered-commands.js';
import { cliVersion } from './version.js';

/**
 * The whole command tree for one invocation. A fresh tree each time: the
 * parser keeps parsed values on it, and tests call `main` many times in one
 * process.
 */
export function createProgram(invocation: Invocation): Command {
  const { io } = invocation;
  const program = new Command('promptpack')
    .description('Ship LLM prompts as versioned npm packages: scaffold, validate, build, check, diff, evaluate and operate them.')
    .usage('<command> [options]')
    // Settings below are copied into every command created after them.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
      getOutHasColors: () => io.color.out,
      getErrHasColors: () => io.color.err,
    })
    .showSuggestionAfterError(true)
    // Root options only before the command: `eval --version 1.4.0` is eval's option, not the CLI's version.
    .enablePositionalOptions()
    .helpOption('-h, --help', 'show the help of this command')
    .helpCommand(false)
    .version(cliVersion(), '-v, --version', 'print the version of promptpack');
  for (const register of registeredCommands) register(program, invocation);
  program.addHelpText('after', `\nWith no dir, commands use every folder in the nearest prompts/ directory.\n\n${exitCodesHelp}\n\n${environmentHelp}`);
  withExamples(program, ['promptpack new order-status --scope @acme', 'promptpack validate', 'promptpack help flags canary']);
  forEachCommand(program, (command) => {
    if (command === program) return;
    // After a usage error, the usage line of the command that was used wrongly, not the whole help.
    command.showHelpAfterError(`Usage: ${commandPath(command)} ${command.usage()}\n(${commandPath(command)} --help lists its options and examples)`);
  });
  program.showHelpAfterError(`Usage: promptpack ${program.usage()}\n(promptpack --help lists the commands)`);
  return program;
}

export function forEachCommand(command: Command, visit: (command: Command) => void): void {
  visit(command);
  for (const child of command.commands) forEachCommand(child, visit);
}
