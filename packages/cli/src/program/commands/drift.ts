import type { DriftValues } from '../../commands/drift.js';
import type { RegisterCommand } from '../register-command.js';
import { collect, withExamples } from '../help-text.js';

export const registerDrift: RegisterCommand = (program, invocation) => {
  const command = program
    .command('drift')
    .summary("re-run each released version's blocking tier on the live model; fail when it fell below its record")
    .description(
      "Re-run the blocking tier of each released version (rebuilt from its release tag) on the live model and compare its hard-pass rate with the eval record committed at that tag. Exit 0: every version holds; 1: a version's hard-pass rate fell more than its maxDropPoints, the cases that regressed are named; 2: the check could not run (usage, no endpoint, every request errored).",
    )
    .argument('[id...]', 'prompt ids or folders (default: every prompt)')
    .option('--version <version>', 'only these released versions (repeatable or comma-separated; default: every one with an eval record)', collect)
    .option('--record <file>', "compare the working tree's prompt with this eval record instead of the released versions")
    .option('--model <name>', "the model to ask (default: PROMPTPACK_EVAL_MODEL, else the record's model)")
    .option('--base-url <url>', 'the OpenAI-compatible endpoint (default: OPENAI_BASE_URL)')
    .option('--repeats <n>', "runs per case (default: the record's repeats)")
    .option('--concurrency <n>', 'requests at once (default: 4)')
    .option('--timeout <ms>', 'per request')
    .action(async (prompts: string[], values: DriftValues) => {
      const { driftCommand } = await import('../../commands/drift.js');
      invocation.exitCode = await driftCommand(prompts, { ...values, ...(values.version ? { version: values.version.flatMap((v) => v.split(',')) } : {}) }, invocation.io, invocation.env);
    });
  withExamples(command, ['promptpack drift', 'promptpack drift support-reply --version 1.4.0', 'promptpack drift support-reply --record prompts/support-reply/eval-result.json']);
};
