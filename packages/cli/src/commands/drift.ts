import { existsSync } from 'node:fs';
import path from 'node:path';
import { readPackageIdentity } from '@promptpack/core';
import { EvalError, runEvals } from '@promptpack/eval';
import { percent } from '@promptpack/report';
import { formatDiagnostic, PromptpackError, type EvalResult, type GateThresholds } from '@promptpack/spec';
import { compareDrift, type DriftVerdict } from '../drift/compare-drift.js';
import { releasedRecords } from '../drift/released-records.js';
import { evalOptionsFrom, type EvalOptions } from '../eval/eval-options.js';
import { type BuiltPrompt, loadReleasedPrompt, loadWorkingTreePrompt } from '../eval/prompt-module.js';
import { createProvider } from '../eval/providers.js';
import { readEvalFile } from '../eval-summary/read-eval-file.js';
import { findPromptDirs, findPromptsRoot } from '../find-prompts.js';
import type { Io } from '../output.js';

/** Exit codes of `promptpack drift`: no version drifted, one did, or the check itself could not run. */
const exit = { ok: 0, drifted: 1, failed: 2 } as const;

export interface DriftValues {
  version?: string[];
  record?: string;
  model?: string;
  baseUrl?: string;
  repeats?: string;
  concurrency?: string;
  timeout?: string;
}

/** One comparison: a prompt as released (or the working tree) against the record it should still meet. */
interface DriftTarget {
  label: string;
  /** How to re-run it with `promptpack eval`, for the hint. */
  rerun: string;
  load: () => Promise<BuiltPrompt>;
  record: EvalResult;
  thresholds: GateThresholds | undefined;
  source: string;
}

/**
 * `promptpack drift [id...]`: re-runs the blocking tier of each released
 * version (or, with --record, of the working tree) on the live model and
 * fails when its hard-pass rate fell more than the version's maxDropPoints
 * below its eval record: the model behind a name changes without a release.
 */
export async function driftCommand(prompts: readonly string[], values: DriftValues, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const options = driftOptions(prompts, values, env);
    const dirs = prompts.length === 0 ? findPromptDirs([]) : prompts.map(resolvePrompt);
    if (values.record !== undefined && dirs.length !== 1) throw usage(`--record compares one prompt with one record; ${dirs.length} prompts were named.`, 'e.g. promptpack drift support-reply --record prompts/support-reply/eval-result.json');
    let code: number = exit.ok;
    for (const dir of dirs) {
      for (const target of targets(dir, values, io)) code = Math.max(code, await check(dir, target, options, io));
    }
    return code;
  } catch (error) {
    if (PromptpackError.isInstance(error) || EvalError.isInstance(error)) {
      io.err(`error ${error.code}: ${error.message}`);
      return exit.failed;
    }
    throw error;
  }
}

/** The live-run options, checked like `promptpack eval`'s; a drift check without a configured model is a usage error. */
function driftOptions(prompts: readonly string[], values: DriftValues, env: NodeJS.ProcessEnv): EvalOptions {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL && values.baseUrl === undefined) {
    throw usage('promptpack drift runs the live model, and no endpoint is configured.', 'Set OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible endpoint), or pass --base-url.');
  }
  const { version: _version, record: _record, ...live } = values;
  return evalOptionsFrom(prompts, { ...live, provider: 'openai', tier: ['blocking'] }, env);
}

function targets(dir: string, values: DriftValues, io: Io): DriftTarget[] {
  if (values.record !== undefined) {
    const file = readEvalFile(path.resolve(values.record), '--record');
    return [{ label: `${path.basename(dir)} (working tree)`, rerun: `promptpack eval ${path.basename(dir)}`, load: () => loadWorkingTreePrompt(dir), record: file.result, thresholds: file.thresholds, source: values.record }];
  }
  const read = readPackageIdentity(path.join(dir, 'package.json'));
  const name = read.identity?.name;
  if (name === undefined) {
    throw new PromptpackError('cli/usage', `Cannot tell which package ${path.basename(dir)} is: ${read.diagnostic ? formatDiagnostic(read.diagnostic) : 'its package.json has no name'}.`, { hint: 'Run `promptpack validate` on the folder and fix its package.json.' });
  }
  const records = releasedRecords(dir, name, values.version);
  if (records.unrecorded.length > 0) io.out(`${path.basename(dir)}: no eval record at the release tag of ${records.unrecorded.join(', ')}; nothing to compare with`);
  if (records.found.length === 0 && records.unrecorded.length === 0) io.out(`${path.basename(dir)}: no released version yet`);
  return records.found.map((found) => ({
    label: `${found.record.prompt.id}@${found.version}`,
    rerun: `promptpack eval ${path.basename(dir)} --version ${found.version}`,
    load: () => loadReleasedPrompt(dir, found.version),
    record: found.record.result,
    thresholds: found.record.gate.thresholds,
    source: found.source,
  }));
}

async function check(dir: string, target: DriftTarget, options: EvalOptions, io: Io): Promise<number> {
  const built = await target.load();
  try {
    if (target.record.prompt.id !== built.manifest.id) {
      throw usage(`${target.source} is a record of prompt "${target.record.prompt.id}", not "${built.manifest.id}".`, `Pass the record of ${built.manifest.id}, e.g. --record prompts/${built.manifest.id}/eval-result.json.`);
    }
    // The record's model by default: drift asks whether the same model name still gives the recorded answers.
    const model = options.model ?? target.record.model;
    const live = await runEvals({
      prompt: built.module as never,
      provider: createProvider({ ...options, model }, dir).provider,
      model,
      repeats: options.repeats ?? target.record.repeats,
      concurrency: options.concurrency,
      tiers: ['blocking'],
    });
    if (live.totals.runs > 0 && live.totals.errors === live.totals.runs) {
      const first = live.cases.flatMap((c) => c.runs).find((run) => run.error)?.error?.split('\n')[0] ?? 'unknown error';
      io.err(`error ${target.label}: every one of ${live.totals.runs} requests failed, so nothing was measured: ${first}\n  hint: check the endpoint, key and model (OPENAI_BASE_URL, OPENAI_API_KEY, --model).`);
      return exit.failed;
    }
    // Thresholds belong to the version: a record without any (a bare result) allows evals.yaml's default.
    const verdict = compareDrift(target.record, live, target.thresholds?.maxDropPoints ?? 2);
    for (const line of describe(target, model, verdict)) (verdict.drifted ? io.err : io.out)(line);
    return verdict.drifted ? exit.drifted : exit.ok;
  } finally {
    built.cleanup();
  }
}

function describe(target: DriftTarget, model: string, verdict: DriftVerdict): string[] {
  const change = verdict.dropPoints > 0 ? `fell ${verdict.dropPoints.toFixed(1)} points` : verdict.dropPoints < 0 ? `rose ${(-verdict.dropPoints).toFixed(1)} points` : 'is unchanged';
  const allowance = verdict.drifted ? `more than the ${verdict.maxDropPoints} points allowed` : `within the ${verdict.maxDropPoints} points allowed`;
  const lines = [
    `${target.label} ${verdict.drifted ? 'drifted' : 'holds'}: blocking hard-pass rate ${change} on ${model} (${percent(verdict.recorded)} recorded in ${target.source}, ${percent(verdict.now)} now); ${allowance}`,
  ];
  for (const c of verdict.regressed) lines.push(`  regressed ${c.id}: ${c.recorded} → ${c.now}${c.reason ? `: ${c.reason}` : ''}`);
  if (verdict.drifted) lines.push(`  hint: read the answers (${target.rerun} --provider openai --model ${model} --report markdown); pin a dated model snapshot, or fix the prompt and release it with a new record.`);
  return lines;
}

/** An id (`support-reply`) or a folder (`prompts/support-reply`). */
function resolvePrompt(arg: string): string {
  const root = findPromptsRoot();
  for (const candidate of [path.resolve(arg), ...(root ? [path.join(root, arg)] : [])]) {
    if (existsSync(path.join(candidate, 'prompt.yaml'))) return candidate;
  }
  throw new PromptpackError('cli/usage', `No prompt "${arg}": neither ${arg}/prompt.yaml nor prompts/${arg}/prompt.yaml exists.`, { hint: 'Name a prompt id or folder, or none for every prompt.' });
}

function usage(message: string, hint: string): PromptpackError {
  return new PromptpackError('cli/usage', message, { hint });
}
