import type { RegisterCommand } from '../register-command.js';
import { jsonOption, withExamples } from '../help-text.js';

export const registerBuild: RegisterCommand = (program, invocation) => {
  const command = program
    .command('build')
    .summary("validate, then write each prompt package's dist/")
    .description("Validate, then write each prompt package's dist/. A prompt with errors is not built and nothing of it is written.")
    .argument('[dir...]', 'prompt folders (default: every prompt under the nearest prompts/)')
    .addOption(jsonOption())
    .action(async (dirs: string[], options: { json?: boolean }) => {
      const { buildCommand } = await import('../../commands/build.js');
      invocation.exitCode = await buildCommand(dirs, options, invocation.io);
    });
  withExamples(command, ['promptpack build', 'promptpack build prompts/support-reply', 'promptpack build --json']);
};
