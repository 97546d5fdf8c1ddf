import type { Command } from 'commander';
import type { FlagsSubcommand } from '../../commands/flags.js';
import type { FlagsValues } from '../../flags/options.js';
import type { Invocation } from '../invocation.js';
import type { RegisterCommand } from '../register-command.js';
import { collect, jsonOption, withExamples } from '../help-text.js';

// Every subcommand reads the flag system (the target) and what the guardrails
// look at, so each accepts them: an on-call engineer can paste one set of
// target options after any subcommand.
function contextOptions(command: Command): Command {
  return command
    .option('--unleash <url>', 'Unleash base URL; the admin token comes from UNLEASH_ADMIN_TOKEN (never printed)')
    .option('--project <name>', 'Unleash project (default: default)')
    .option('--environment <name>', 'Unleash environment (default: development)')
    .option('--file <path>', 'a flags file (Unleash client-features JSON, what fileFlags reads); changes are locked, atomic and logged to <path>.audit.jsonl')
    .option('--service <url>', "a service's /.well-known/promptpack (repeatable; or PROMPTPACK_SERVICES)", collect)
    .option('--inventory <file>', 'an inventory file a service wrote (repeatable; or PROMPTPACK_INVENTORY)', collect)
    .option('--eval-result <file>', 'an eval record kept elsewhere (repeatable)', collect)
    .option('--service-dir <dir>', 'a service folder whose installed packages may carry eval-result.json (repeatable)', collect)
    .option('--repo <dir>', 'the prompts repository, for release tags (default: the git repository around the working directory)')
    .option('--flag-prefix <prefix>', "what the services' runtime puts before a prompt id to name its flag (or PROMPTPACK_FLAG_PREFIX; default: prompt.)")
    .addOption(jsonOption());
}

function changeOptions(command: Command): Command {
  return command
    .option('--reason <text>', 'why (required); recorded with the change')
    .option('--actor <name>', 'who (default: $USER)')
    .option('--force', 'override the guardrails (recorded as overridden)');
}

function action(invocation: Invocation, name: FlagsSubcommand, operands: readonly ('id' | 'version')[]) {
  return async (...args: unknown[]) => {
    const values = args[operands.length] as FlagsValues;
    const named = Object.fromEntries(operands.map((operand, index) => [operand, args[index] as string | undefined]));
    const { flagsCommand } = await import('../../commands/flags.js');
    invocation.exitCode = await flagsCommand(name, named, values, invocation.io, { env: invocation.env, cwd: invocation.cwd });
  };
}

export const registerFlags: RegisterCommand = (program, invocation) => {
  const flags = program
    .command('flags')
    .summary('operate prompt flags (Unleash or a flags file): status, canary, promote, rollback, kill, history, guard')
    .description(
      'Operate prompt flags on an Unleash server or a flags file, with guardrails (canary, promote: the version is installed everywhere and passed its eval gate) and an audit trail.\nExit codes: 0 done (or nothing to do), 1 failed, 2 wrong usage, 3 refused by a guardrail (--force --reason overrides it).',
    );
  withExamples(flags, ['promptpack flags status --unleash $UNLEASH_URL', 'promptpack flags rollback support-reply --reason "INC-4711: wrong tone" --file flags.json']);

  const status = contextOptions(flags.command('status'))
    .description('Each prompt flag: its state per environment, each version\'s share, stickiness, constraints, and what each service has installed.')
    .argument('[id]', 'one prompt (default: every prompt flag)')
    .action(action(invocation, 'status', ['id']));
  withExamples(status, ['promptpack flags status --unleash $UNLEASH_URL --service http://svc:8080', 'promptpack flags status support-reply --file flags.json --json']);

  const canary = changeOptions(contextOptions(flags.command('canary')))
    .description('Give <version> to N% of traffic; everyone else gets the stable version.')
    .argument('<id>', 'the prompt')
    .argument('<version>', 'the version to canary')
    .option('--percent <n>', 'the share of traffic, 0-100 in steps of 0.1 (required)')
    .option('--tenant <id>', 'only these tenants (repeatable or comma-separated)', collect)
    .option('--stable <version>', "the version everyone else gets (default: the flag's current stable)")
    .option('--stickiness <field>', "default, userId, sessionId or tenantId (default: the flag's current one)")
    .action(action(invocation, 'canary', ['id', 'version']));
  withExamples(canary, ['promptpack flags canary support-reply 1.1.0 --percent 10 --reason "new refund wording" --unleash $UNLEASH_URL']);

  const promote = changeOptions(contextOptions(flags.command('promote')))
    .description('Give <version> to 100% of traffic.')
    .argument('<id>', 'the prompt')
    .argument('<version>', 'the version to promote')
    .option('--stickiness <field>', "default, userId, sessionId or tenantId (default: the flag's current one)")
    .action(action(invocation, 'promote', ['id', 'version']));
  withExamples(promote, ['promptpack flags promote support-reply 1.1.0 --reason "canary clean for 24h" --unleash $UNLEASH_URL']);

  const rollback = changeOptions(contextOptions(flags.command('rollback')))
    .description("Back to the previous stable version (from the flag's history), or to --to <version>.")
    .argument('<id>', 'the prompt')
    .option('--to <version>', 'the version to go back to (default: the previous stable)')
    .action(action(invocation, 'rollback', ['id']));
  withExamples(rollback, ['promptpack flags rollback support-reply --reason "complaints about tone" --unleash $UNLEASH_URL', 'promptpack flags rollback support-reply --to 1.0.0 --reason "INC-4711" --file flags.json']);

  const kill = changeOptions(contextOptions(flags.command('kill')))
    .description('Switch the flag off: every service serves its built-in stable version.')
    .argument('<id>', 'the prompt')
    .action(action(invocation, 'kill', ['id']));
  withExamples(kill, ['promptpack flags kill support-reply --reason "incident 4711" --file flags.json']);

  const history = contextOptions(flags.command('history'))
    .description('The changes to a prompt flag and their reasons.')
    .argument('<id>', 'the prompt')
    .option('--all', "every Unleash event on the flag, not only promptpack's changes")
    .action(action(invocation, 'history', ['id']));
  withExamples(history, ['promptpack flags history support-reply --unleash $UNLEASH_URL', 'promptpack flags history support-reply --file flags.json --json']);

  const guard = contextOptions(flags.command('guard'))
    .description(
      'Watch a canary in Prometheus: roll it back (as `flags rollback` does, with the evidence in the audit trail) when it is worse than stable on a guard metric, by a sequential test valid under continuous monitoring (mSPRT, false-alarm bound --alpha); step it up when asked and healthy long enough. Holds on missing or stale data.\nExit codes: 0 healthy (watching, stepped, promoted, nothing to guard, stopped by a signal), 1 failed, 2 wrong usage, 3 a guardrail refused the step up, 4 rolled back, 5 held: no or stale data (--once).',
    )
    .argument('<id>', 'the prompt')
    .option('--prometheus <url>', 'the Prometheus that scrapes the services (or PROMETHEUS_URL; user:password in the URL and PROMETHEUS_BEARER_TOKEN are sent, never printed)')
    .option('--metric <name>', 'parse-failure, error, latency, cost or feedback (repeatable or comma-separated; default: parse-failure,error)', collect)
    .option('--margin <metric=value>', 'how much worse the canary may be, e.g. parse-failure=0.01 (one point); repeatable', collect)
    .option('--latency-threshold <seconds>', 'for --metric latency: a histogram bucket boundary; slower model calls count as bad')
    .option('--cost-deviation <usd>', "for --metric cost: an upper bound on one request's cost's standard deviation")
    .option('--match <matchers>', 'PromQL label matchers added to every query, e.g. \'job="checkout"\': only these series (one prompt served by several services)')
    .option('--config <file>', 'the guard metrics as JSON, with your own PromQL (instead of --metric/--margin)')
    .option('--alpha <p>', 'the false-alarm bound of the whole guard, split evenly over its metrics (default 0.01)')
    .option('--min-samples <n>', 'requests on each side before a metric is judged (default 30)')
    .option('--step <percents>', 'step a healthy canary up through these, e.g. 1,10,50,100 (100 promotes); default: never step')
    .option('--step-duration <duration>', 'how long a step must be healthy before the next (default 5m)')
    .option('--step-samples <n>', 'canary requests a step needs before the next (default 500)')
    .option('--stale-after <duration>', 'hold when the newest sample is older than this (default 120s: two of Prometheus\'s default 1m scrapes)')
    .option('--interval <duration>', 'time between evaluations of the long-lived guard (default 10s)')
    .option('--once', 'evaluate once and exit (for a scheduler); every state comes from the flag, its audit trail and Prometheus')
    .option('--actor <name>', 'who the audit trail names (default: promptpack-guard ($USER))')
    .action(action(invocation, 'guard', ['id']));
  withExamples(guard, [
    'promptpack flags guard support-reply --prometheus http://127.0.0.1:9090 --file flags.json --step 1,10,50,100',
    'promptpack flags guard support-reply --once --prometheus $PROMETHEUS_URL --unleash $UNLEASH_URL --metric parse-failure,latency --latency-threshold 2.5',
  ]);
};
