import type { RegisterCommand } from '../register-command.js';
import { jsonOption, withExamples } from '../help-text.js';

export const registerValidate: RegisterCommand = (program, invocation) => {
  const command = program
    .command('validate')
    .summary('check prompt folders; report every problem with file:line:column')
    .description('Check prompt folders and report every problem with file:line:column, a code and a hint. With no dir, every folder of the nearest prompts/ directory.')
    .argument('[dir...]', 'prompt folders (default: every prompt under the nearest prompts/)')
    .addOption(jsonOption())
    .action(async (dirs: string[], options: { json?: boolean }) => {
      const { validateCommand } = await import('../../commands/validate.js');
      invocation.exitCode = validateCommand(dirs, options, invocation.io);
    });
  withExamples(command, ['promptpack validate', 'promptpack validate prompts/support-reply', 'promptpack validate --json | jq ".prompts[].diagnostics[]"']);
};
