import type { RegisterCommand } from '../register-command.js';
import { jsonOption, withExamples } from '../help-text.js';

interface ReleaseValues {
  registry?: string;
  skipEvals?: boolean;
  reason?: string;
  dryRun?: boolean;
  json?: boolean;
  push?: boolean;
  allowDirty?: boolean;
}

export const registerRelease: RegisterCommand = (program, invocation) => {
  const command = program
    .command('release')
    .summary('build, check, eval gate; publish what the registry lacks; tag what it confirms')
    .description(
      'Release every prompt package whose version the registry does not have yet: build, validate, check --published, the fail-closed eval gate, publish through the repository\'s changesets, verify on the registry, and tag only what the registry confirms. A re-run finishes a half-done release. Registry and credentials come from your npm configuration (.npmrc, environment), as npm reads them. Exit 0 released, 1 something was not (run it again), 2 wrong usage.',
    )
    .option('--registry <url>', 'publish to this registry instead of the one your npm configuration names for the scope')
    .option('--skip-evals', 'release without a passing eval record (needs --reason; recorded in each release tag)')
    .option('--reason <text>', 'why the eval gate is skipped (with --skip-evals)')
    .option('--dry-run', 'print the plan (what would be published and tagged) and change nothing')
    .option('--push', 'git push --follow-tags after tagging')
    .option('--allow-dirty', 'release although prompt folders have uncommitted changes')
    .addOption(jsonOption())
    .action(async (values: ReleaseValues) => {
      const { releaseCommand } = await import('../../commands/release.js');
      invocation.exitCode = await releaseCommand(
        [],
        {
          registry: values.registry,
          'skip-evals': values.skipEvals,
          reason: values.reason,
          'dry-run': values.dryRun,
          json: values.json,
          push: values.push,
          'allow-dirty': values.allowDirty,
        },
        invocation.io,
        invocation.cwd,
      );
    });
  withExamples(command, ['promptpack release --dry-run --json', 'promptpack release --registry http://127.0.0.1:4873/', 'promptpack release --skip-evals --reason "hotfix: model endpoint down"']);
};
