import type { PolicyOptions } from '../../commands/policy.js';
import type { RegisterCommand } from '../register-command.js';
import { withExamples } from '../help-text.js';

export const registerPolicy: RegisterCommand = (program, invocation) => {
  const policy = program.command('policy').summary("legal's side of the policy lock: approve or show a prompt's policy").description("Legal's side of the policy lock: approve a prompt's policy as it is now, or show it as the model sees it.");
  withExamples(policy, ['promptpack policy show support-reply', 'promptpack policy approve support-reply --by legal@acme.example']);

  const approve = policy
    .command('approve')
    .description('Record that <name> approved the policy as it is now, shared sections included (writes <id>/policy.lock; commit it with the policy).')
    .argument('<id>', 'the prompt id, or the path of its folder')
    .option('--by <name>', 'who approves (required)')
    .option('--at <time>', 'when it was approved, ISO 8601 (default: now)')
    .action(async (id: string, options: PolicyOptions) => {
      const { policyCommand } = await import('../../commands/policy.js');
      invocation.exitCode = policyCommand(['approve', id], options, invocation.io);
    });
  withExamples(approve, ['promptpack policy approve support-reply --by legal@acme.example', 'promptpack policy approve support-reply --by legal@acme.example --at 2026-11-21T09:30:00Z']);

  const show = policy
    .command('show')
    .description('Print the policy as the model sees it, shared sections inlined.')
    .argument('<id>', 'the prompt id, or the path of its folder')
    .action(async (id: string) => {
      const { policyCommand } = await import('../../commands/policy.js');
      invocation.exitCode = policyCommand(['show', id], {}, invocation.io);
    });
  withExamples(show, ['promptpack policy show support-reply']);
};
