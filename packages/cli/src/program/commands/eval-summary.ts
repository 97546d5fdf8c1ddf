import type { EvalSummaryValues } from '../../commands/eval-summary.js';
import type { RegisterCommand } from '../register-command.js';
import { withExamples } from '../help-text.js';

export const registerEvalSummary: RegisterCommand = (program, invocation) => {
  const command = program
    .command('eval-summary')
    .summary("a pull request's eval summary: the base's recorded result against the new one, as markdown")
    .description(
      "Compare two eval results of one prompt (an eval-result.json record or promptpack eval --report json output) as markdown for a pull request comment: per tier the hard-pass and pass rates before and after with the change in points, the cases that flipped between passing and failing, and the gate's verdict with its reasons. Exit 0: written; 2: a wrong command line or file.",
    )
    .option('--before <file>', "the base's recorded result (omit for a prompt the base does not have)")
    .requiredOption('--after <file>', "the pull request's result")
    .option('--out <file>', 'write the markdown here (default: stdout)')
    .action(async (values: EvalSummaryValues) => {
      const { evalSummaryCommand } = await import('../../commands/eval-summary.js');
      invocation.exitCode = evalSummaryCommand(values, invocation.io);
    });
  withExamples(command, [
    'promptpack eval-summary --before base.json --after head/support-reply.eval.json --out summary.md',
    'promptpack eval-summary --after prompts/new-prompt/eval-result.json',
  ]);
};
