import type { RegisterCommand } from '../register-command.js';
import { jsonOption, withExamples } from '../help-text.js';

export const registerCheck: RegisterCommand = (program, invocation) => {
  const command = program
    .command('check')
    .summary('fail when a prompt changed more than its changesets declare, or its policy is not approved')
    .description(
      "Fail when a prompt changed more than its pending changesets declare (or the version in package.json, after `changeset version`), or when its policy is not the one its policy.lock approves.",
    )
    .argument('[dir...]', 'prompt folders (default: every prompt under the nearest prompts/)')
    .option('--base <ref>', 'compare with this git ref (default: the merge base of HEAD with main)')
    .option('--published', "compare with each prompt's last release tag and check its new version (before publishing)")
    .addOption(jsonOption())
    .action(async (dirs: string[], options: { base?: string; published?: boolean; json?: boolean }) => {
      const { checkCommand } = await import('../../commands/check.js');
      invocation.exitCode = await checkCommand(dirs, options, invocation.io);
    });
  withExamples(command, ['promptpack check', 'promptpack check --base origin/main --json', 'promptpack check --published']);
};
