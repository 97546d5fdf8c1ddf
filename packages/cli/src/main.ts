import { parseArgs } from 'node:util';
import { PromptpackError } from '@promptpack/spec';
import type { CheckOptions } from './commands/check.js';
import type { DiffOptions } from './commands/diff.js';
import type { PolicyOptions } from './commands/policy.js';
import { processIo, type Io } from './output.js';

const usage = `promptpack <command> [options]

Commands:
  validate [dir...]            check prompt folders; report every problem with file:line:column
  build [dir...]               validate, then write each prompt package's dist/
  new <id> [--scope @acme]     scaffold a prompt folder that validates and builds
  check [dir...]               fail when a prompt changed more than its pending changesets declare,
                               or its policy is not the one its policy.lock approves
        [--base <ref>]         compare with this git ref (default: the merge base of HEAD with main)
        [--published]          compare with each prompt's last release tag and check its new version
        [--json]               print a JSON report on stdout
  diff <id>                    what changed in one prompt, part by part, and the release it needs
        [--from <X>]           a version (1.4.0: the registry, else its release tag) or a git ref;
        [--to <Y>]             default --from: the last release, --to: the working tree
        [--only <part>]        policy, fewshots, template, variables, output, model or evals
        [--format <f>]         text (default), markdown, html (one page) or json
        [--registry <url>]     where published versions are read (default: .npmrc scope line)
        [--out <file>]         write to a file instead of stdout
  diff --shared <name>         every prompt including prompts/_shared/<name>.md, with its release
        [--from <ref>]         compared with the working tree (default: the merge base with main)
  eval [id...]                 run each prompt's golden cases on a model; exit 0 gate passed, 1 failed, 2 run failed
        [--provider openai|replay] [--model M] [--base-url U]  default: replay in CI, else openai when OPENAI_* is set
        [--repeats N] [--concurrency N] [--tier T] [--case id] [--timeout ms]
        [--gate] [--baseline auto|file]  decide pass/fail; a passing full run writes <id>/eval-result.json
        [--record] [--replay-file f]     record live answers into <id>/evals.recordings.json
        [--version X]          evaluate a released version (rebuilt from its release tag)
        [--report json|markdown|html] [--out dir]   reports (stdout without --out)
        [--compare A B]        both versions (or "working") on the same cases: side-by-side markdown + html
  policy approve <id> --by <name>   record legal's approval of the policy as it is now (<id>/policy.lock)
        [--at <time>]          when it was approved (ISO 8601; default now)
  policy show <id>             print the policy as the model sees it, shared sections inlined
  flags <command> [id]         operate prompt flags (Unleash or a flags file): status, canary,
                               promote, rollback, kill, history (promptpack flags --help)

With no dir, commands use every folder in the nearest prompts/ directory.
Exit codes: 0 ok, 1 the prompts have errors, 2 the command was used wrongly.`;

/**
 * Runs one CLI invocation and returns its exit code; never calls process.exit
 * (tests call it in-process). Each command's module is loaded when it runs:
 * an on-call `flags rollback` should not wait for the compiler or the eval
 * engine to load.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return (await import('./commands/validate.js')).validateCommand(parse(rest, {}).positionals, io);
      case 'build':
        return await (await import('./commands/build.js')).buildCommand(parse(rest, {}).positionals, io);
      case 'check': {
        const { positionals, values } = parse(rest, { base: { type: 'string' }, published: { type: 'boolean' }, json: { type: 'boolean' } });
        return await (await import('./commands/check.js')).checkCommand(positionals, values as CheckOptions, io);
      }
      case 'diff': {
        const { positionals, values } = parse(rest, {
          from: { type: 'string' },
          to: { type: 'string' },
          only: { type: 'string' },
          format: { type: 'string' },
          registry: { type: 'string' },
          out: { type: 'string' },
          shared: { type: 'string' },
        });
        return await (await import('./commands/diff.js')).diffCommand(positionals, values as DiffOptions, io);
      }
      case 'policy': {
        const { positionals, values } = parse(rest, { by: { type: 'string' }, at: { type: 'string' } });
        return (await import('./commands/policy.js')).policyCommand(positionals, values as PolicyOptions, io);
      }
      case 'new': {
        const { positionals, values } = parse(rest, { scope: { type: 'string' }, dir: { type: 'string' } });
        return (await import('./commands/new.js')).newCommand(positionals, values as { scope?: string; dir?: string }, io);
      }
      case 'flags':
        return await (await import('./commands/flags.js')).flagsCommand(rest, io);
      case 'eval':
        return await (await import('./commands/eval.js')).evalCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return command === undefined ? 2 : 0;
      default:
        io.err(`Unknown command "${command}".\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (PromptpackError.isInstance(error)) {
      io.err(`error ${error.code}: ${error.message}`);
      // A wrong command line or a ref that does not exist: the invocation, not the prompts, is at fault.
      return error.code === 'cli/usage' || error.code === 'git/ref-not-found' ? 2 : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(error as Error).message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse(args: readonly string[], options: Options) {
  return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
}
