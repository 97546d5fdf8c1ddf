import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gate } from '@promptpack/eval';
import { renderEvalSummaryMarkdown, summarizeEvalChange } from '@promptpack/report';
import { PromptpackError, thresholdsSchema } from '@promptpack/spec';
import { readEvalFile } from '../eval-summary/read-eval-file.js';
import type { Io } from '../output.js';

export interface EvalSummaryValues {
  before?: string;
  after?: string;
  out?: string;
}

/**
 * `promptpack eval-summary --before <file> --after <file>`: the markdown a
 * pull request comment shows, the base's recorded result against the pull
 * request's. The gate is decided on --after with --before as its baseline,
 * with the thresholds of the newest record given (--after's, else --before's,
 * else evals.yaml's defaults). Exit 0 when written, whatever the gate says
 * (the eval job decides pass/fail); 2 on a wrong command line or file.
 */
export function evalSummaryCommand(values: EvalSummaryValues, io: Io): number {
  try {
    if (values.after === undefined) {
      throw new PromptpackError('cli/usage', '--after is required: the eval result of the pull request.', { hint: 'e.g. promptpack eval-summary --before base.json --after head.json' });
    }
    const after = readEvalFile(path.resolve(values.after), '--after');
    const before = values.before === undefined ? undefined : readEvalFile(path.resolve(values.before), '--before');
    if (before && before.result.prompt.id !== after.result.prompt.id) {
      throw new PromptpackError('cli/usage', `--before is a result of prompt "${before.result.prompt.id}" and --after of "${after.result.prompt.id}".`, { hint: 'Compare two results of the same prompt.' });
    }
    const thresholds = after.thresholds ?? before?.thresholds ?? thresholdsSchema.parse({});
    const verdict = gate(after.result, { thresholds, ...(before ? { baseline: before.result } : {}) });
    const markdown = renderEvalSummaryMarkdown(summarizeEvalChange({ after: after.result, gate: verdict, ...(before ? { before: before.result } : {}) }));
    if (values.out === undefined) {
      io.out(markdown.trimEnd());
      return 0;
    }
    const file = path.resolve(values.out);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, markdown);
    io.err(`summary ${values.out}`);
    return 0;
  } catch (error) {
    if (!PromptpackError.isInstance(error)) throw error;
    io.err(`error ${error.code}: ${error.message}`);
    return 2;
  }
}
