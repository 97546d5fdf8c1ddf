import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadPrompt } from '@promptpack/core';
import { reviewerAgreement } from '@promptpack/eval';
import { PromptpackError, safeParseEvalRecordText, safeParseEvalResultText, type EvalResult } from '@promptpack/spec';
import { findPromptsRoot } from '../find-prompts.js';
import type { Io } from '../output.js';
import { formatAgreement } from './format-agreement.js';
import { reviewItems } from './review-items.js';
import { startReviewServer, type RunningReviewServer } from './review-server.js';
import { readReviews, reviewsPath } from './reviews-store.js';

export interface ReviewValues {
  results?: string;
  reviewer?: string;
  port?: string;
  agreement?: boolean;
}

/** Lets a test stop the server as Ctrl-C would; the process's SIGINT and SIGTERM always do. */
export interface ReviewHooks {
  onListening?: (server: RunningReviewServer) => void;
  signal?: AbortSignal;
}

/**
 * `promptpack review [prompt] --results <file> --reviewer <name>`: serves
 * the review page until Ctrl-C. `--agreement` prints how the reviewers in
 * reviews.json agree instead. Exit 0 when done, 2 for a usage problem.
 */
export async function reviewCommand(prompt: string | undefined, values: ReviewValues, io: Io, hooks: ReviewHooks = {}): Promise<number> {
  if (values.agreement) {
    if (prompt === undefined) throw usage('Name the prompt whose reviewers to compare.', 'promptpack review support-reply --agreement');
    const dir = promptDir(prompt);
    const id = path.basename(dir);
    for (const line of formatAgreement(reviewerAgreement(readReviews(reviewsPath(dir), id)), id)) io.out(line);
    return 0;
  }
  if (values.results === undefined) throw usage('Say which eval result to review: --results is required.', 'promptpack eval support-reply --report json --out eval-reports, then promptpack review --results eval-reports/support-reply.eval.json --reviewer ana');
  if (values.reviewer === undefined || values.reviewer.trim() === '' || values.reviewer.trim().length > 100) {
    throw usage('Say who is reviewing: --reviewer is required, a name of at most 100 characters.', `promptpack review --results ${values.results} --reviewer ana@acme.example`);
  }
  const port = portOf(values.port);
  const result = readResult(values.results);
  const dir = promptDir(prompt ?? result.prompt.id);
  if (path.basename(dir) !== result.prompt.id) {
    throw usage(`${values.results} is a result of prompt "${result.prompt.id}", not "${path.basename(dir)}".`, `Run promptpack review ${result.prompt.id} --results ${values.results}, or pass the result of ${path.basename(dir)}.`);
  }
  const file = reviewsPath(dir);
  const reviewer = values.reviewer.trim();
  const items = reviewItems(result, readReviews(file, result.prompt.id), reviewer, caseVariables(dir));
  const server = await startReviewServer({ prompt: { id: result.prompt.id, version: result.prompt.version }, reviewer, items, file, ...(port !== undefined ? { port } : {}) });
  io.out(`Reviewing ${items.length} answer${items.length === 1 ? '' : 's'} of ${result.prompt.id}@${result.prompt.version} as ${reviewer}: open ${server.url}`);
  io.out(`  verdicts are saved to ${file} as you grade; commit it with the prompt. Ctrl-C stops the server.`);
  hooks.onListening?.(server);
  await untilStopped(hooks.signal);
  await server.close();
  io.out('Review server stopped.');
  return 0;
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
}

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw usage(`--port must be a whole number from 0 to 65535, found "${value}".`, '--port 0 picks a free port.');
  return port;
}

/** A result of `promptpack eval --report json`, or the result inside an eval record (`eval-result.json`). */
function readResult(file: string): EvalResult {
  if (!existsSync(file)) throw usage(`No eval result at ${file}.`, 'Write one with promptpack eval <id> --report json --out eval-reports.');
  const text = readFileSync(file, 'utf8');
  const direct = safeParseEvalResultText(text);
  if (direct.success) return direct.data;
  const record = safeParseEvalRecordText(text);
  if (record.success) return record.data.result;
  throw usage(`${file}: ${direct.error.message}`, 'Pass the JSON that promptpack eval --report json writes.');
}

function promptDir(prompt: string): string {
  const root = findPromptsRoot();
  for (const candidate of [path.resolve(prompt), ...(root ? [path.join(root, prompt)] : [])]) {
    if (existsSync(path.join(candidate, 'prompt.yaml')) && statSync(candidate).isDirectory()) return candidate;
  }
  throw usage(`No prompt "${prompt}": neither ${prompt}/prompt.yaml nor prompts/${prompt}/prompt.yaml exists.`, 'Run from the promptpack repository the result came from.');
}

/** Each case's variables from evals.yaml, so the reviewer sees what the model was asked; empty when the prompt does not load. */
function caseVariables(dir: string): Map<string, unknown> {
  const loaded = loadPrompt(dir);
  if (!loaded.success) return new Map();
  return new Map(loaded.prompt.evals.cases.map((evalCase) => [evalCase.id, evalCase.variables]));
}

function usage(message: string, hint: string): PromptpackError {
  return new PromptpackError('cli/usage', message, { hint });
}
