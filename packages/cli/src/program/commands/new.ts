import type { RegisterCommand } from '../register-command.js';
import { withExamples } from '../help-text.js';

export const registerNew: RegisterCommand = (program, invocation) => {
  const command = program
    .command('new')
    .summary('scaffold a prompt folder that validates and builds')
    .description('Scaffold a prompt folder that validates and builds: prompt.yaml, policy.md, template.hbs, evals.yaml and package.json. Never overwrites.')
    .argument('<id>', 'the prompt id, kebab-case (the folder name and @scope/prompt-<id>)')
    .option('--scope <scope>', 'npm scope to publish under (default: the scope of the prompts already there)')
    .option('--dir <path>', 'where prompt folders live (default: the nearest prompts/)')
    .action(async (id: string, options: { scope?: string; dir?: string }) => {
      const { newCommand } = await import('../../commands/new.js');
      invocation.exitCode = newCommand([id], options, invocation.io);
    });
  withExamples(command, ['promptpack new order-status', 'promptpack new order-status --scope @acme --dir prompts']);
};
