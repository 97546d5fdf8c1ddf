import { Option, type Command } from 'commander';
import type { EvalValues } from '../../eval/eval-options.js';
import type { RegisterCommand } from '../register-command.js';
import { collect, jsonOption, withExamples } from '../help-text.js';

/** The arguments and options of `promptpack eval`; exported so its checks are tested through the real parser. */
export function defineEvalOptions(command: Command): Command {
  return command
    .argument('[id...]', 'prompt ids or folders (default: every prompt)')
    .addOption(new Option('--provider <name>', 'openai (any OpenAI-compatible endpoint) or replay (committed recordings); default: replay in CI, else openai when OPENAI_* is set').choices(['openai', 'replay']))
    .option('--model <name>', 'the model to ask (default: PROMPTPACK_EVAL_MODEL)')
    .option('--base-url <url>', 'the OpenAI-compatible endpoint (default: OPENAI_BASE_URL)')
    .option('--repeats <n>', "runs per case (default: evals.yaml's repeats)")
    .option('--concurrency <n>', 'requests at once (default: 4)')
    .option('--tier <tier>', 'only these tiers: blocking, monitoring, backlog (repeatable or comma-separated)', collect)
    .option('--case <id>', 'only these cases (repeatable or comma-separated)', collect)
    .option('--judge-model <name>', "the model that grades llm-rubric (default: evals.yaml's judge.model, else the llm-judge package's)")
    .option('--embedding-model <name>', "the embedding model for similar (default: evals.yaml's judge.embeddingModel, else text-embedding-3-large)")
    .option('--timeout <ms>', 'per request')
    .option('--gate', 'decide pass/fail; a passing full run writes <id>/eval-result.json (exit 1 when it fails)')
    .option('--baseline <auto|file>', "compare with a baseline eval record (default with --gate: auto, the previous release's)")
    .option('--record', 'record live answers into <id>/evals.recordings.json')
    .option('--replay-file <file>', 'recordings to replay (default: <id>/evals.recordings.json)')
    .option('--version <version>', 'evaluate a released version, rebuilt from its release tag')
    .option('--report <format>', 'json, markdown or html (repeatable or comma-separated); on stdout without --out', collect)
    .addOption(jsonOption('--report json'))
    .option('--out <dir>', 'write reports into this folder')
    .option('--junit <file>', 'also write a JUnit XML report (every prompt, one testcase per case) for CI test views')
    .option('--compare <versions...>', 'two versions (or "working") on the same cases: a side-by-side markdown and html report');
}

export const registerEval: RegisterCommand = (program, invocation) => {
  const command = defineEvalOptions(
    program
      .command('eval')
      .summary("run each prompt's golden cases on a model; --gate decides pass/fail")
      .description(
        "Run each prompt's golden cases (evals.yaml) on a model, or on recorded answers. Exit 0: done (the gate passed); 1: the gate failed; 2: the run itself failed (usage, provider, every request errored).",
      ),
  ).action(async (prompts: string[], values: EvalValues) => {
    const { evalCommand } = await import('../../commands/eval.js');
    invocation.exitCode = await evalCommand(prompts, values, invocation.io, invocation.env);
  });
  withExamples(command, [
    'promptpack eval support-reply --gate',
    'promptpack eval --gate --provider replay',
    'promptpack eval support-reply --provider openai --record',
    'promptpack eval support-reply --json | jq .rates',
    'promptpack eval support-reply --compare 1.4.0 1.5.0 --out eval-reports',
  ]);
};
