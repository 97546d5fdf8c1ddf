import { Option } from 'commander';
import type { DiffOptions } from '../../commands/diff.js';
import type { RegisterCommand } from '../register-command.js';
import { jsonOption, withExamples } from '../help-text.js';

// Spelled out rather than imported from core, so `diff --help` loads nothing but the parser; diff.ts checks them again.
const formats = ['text', 'markdown', 'html', 'json'];
const parts = ['policy', 'fewshots', 'template', 'variables', 'output', 'model', 'evals'];

export const registerDiff: RegisterCommand = (program, invocation) => {
  const command = program
    .command('diff')
    .summary('what changed in one prompt, part by part, and the release it needs')
    .description(
      'What changed in one prompt between two versions, git refs or the working tree, part by part, with the release it needs. Exits 0 whenever it could compare: a difference is an answer, not a failure.\nWith --shared <name>: every prompt including prompts/_shared/<name>.md, compared with the working tree.',
    )
    .argument('[id]', 'the prompt id (a folder under prompts/) or its path')
    .option('--from <version|ref>', 'a version (1.4.0: the registry, else its release tag) or a git ref (default: the last release)')
    .option('--to <version|ref>', 'the same kinds as --from (default: the working tree)')
    .addOption(new Option('--only <part>', 'compare one part only').choices(parts))
    .addOption(new Option('--format <format>', 'text (default), markdown, html (one page) or json (kept as an alias of --json)').choices(formats))
    .addOption(jsonOption('--format json'))
    .option('--registry <url>', 'where published versions are read (default: the .npmrc scope line)')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--shared <name>', 'which prompts a change to prompts/_shared/<name>.md reaches (takes no id, --to or --only)')
    .action(async (id: string | undefined, options: DiffOptions) => {
      const { diffCommand } = await import('../../commands/diff.js');
      invocation.exitCode = await diffCommand(id === undefined ? [] : [id], options, invocation.io);
    });
  withExamples(command, [
    'promptpack diff support-reply',
    'promptpack diff support-reply --from 1.4.0 --to 1.5.0 --only policy --format html --out review.html',
    'promptpack diff support-reply --from main --json',
    'promptpack diff --shared safety --from main',
  ]);
};
