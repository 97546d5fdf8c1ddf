import type { RegisterCommand } from '../register-command.js';
import { withExamples } from '../help-text.js';

export const registerInit: RegisterCommand = (program, invocation) => {
  const command = program
    .command('init')
    .summary('add promptpack to the repository here; never overwrites')
    .description(
      'Add promptpack to the repository in the current folder: a workspace, an example prompt, changesets with @promptpack/changelog, CI/release/policy-review workflows and CODEOWNERS. Never overwrites and merges nothing: when any file is in the way it lists every one and writes none. For a new repository use npm create promptpack@latest <dir>.',
    )
    .option('--scope <scope>', 'npm scope of the prompt packages, e.g. @acme (default: from the folder name)')
    .option('--pnpm', 'a pnpm workspace (pnpm-workspace.yaml) instead of npm workspaces')
    .option('--registry <url>', "the team's npm registry, written as the scope line of .npmrc")
    .action(async (options: { scope?: string; pnpm?: boolean; registry?: string }) => {
      const { initCommand } = await import('../../commands/init.js');
      invocation.exitCode = initCommand([], options, invocation.io, invocation.cwd);
    });
  withExamples(command, ['promptpack init --scope @acme', 'promptpack init --scope @acme --pnpm --registry https://npm.acme.example/']);
};
