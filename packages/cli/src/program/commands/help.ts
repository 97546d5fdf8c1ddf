import type { Command } from 'commander';
import type { RegisterCommand } from '../register-command.js';
import { commandPath, withExamples } from '../help-text.js';

/** `promptpack help [command...]`: the help `<command> --help` prints, for any depth (`help flags canary`). */
export const registerHelp: RegisterCommand = (program, invocation) => {
  const help = program
    .command('help')
    .summary('show the help of a command')
    .description('Show the help of a command: the same as promptpack <command> --help.')
    .argument('[command...]', 'a command, and a subcommand of it')
    .action((names: string[]) => {
      let target: Command = program;
      for (const name of names) {
        const next = target.commands.find((command) => command.name() === name || command.aliases().includes(name));
        if (!next) {
          const known = target.commands.map((command) => command.name()).join(', ');
          // error() prints the message and the usage, then throws through exitOverride.
          target.error(`error: unknown command '${name}' for ${commandPath(target)}; its commands: ${known}.`, { exitCode: 2, code: 'commander.unknownCommand' });
        }
        target = next;
      }
      target.outputHelp();
      invocation.exitCode = 0;
    });
  withExamples(help, ['promptpack help diff', 'promptpack help flags canary']);
};
