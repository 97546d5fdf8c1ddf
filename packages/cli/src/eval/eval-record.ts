import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, findRepoRoot, listReleaseTags } from '@promptpack/core';
import { summarizeResult } from '@promptpack/report';
import { evalRecordFile, evalRecordVersion, PromptpackError, safeParseEvalRecordText, safeParseEvalResultText, type EvalRecord, type EvalResult, type GateResult } from '@promptpack/spec';

export function createEvalRecord(result: EvalResult, gate: GateResult, evalsHash: string, baseline: Baseline | undefined, now = new Date()): EvalRecord {
  const summary = summarizeResult(result);
  return {
    specificationVersion: evalRecordVersion,
    prompt: { ...result.prompt, evalsHash },
    provider: result.provider,
    model: result.model,
    recordedAt: now.toISOString(),
    summary: { cases: summary.cases, repeats: summary.repeats, errors: summary.errors, blocking: summary.tiers.blocking, all: summary.all },
    gate,
    baseline: baseline ? { version: baseline.result.prompt.version, source: baseline.source } : null,
    result,
  };
}

export function writeEvalRecord(dir: string, record: EvalRecord): string {
  const file = path.join(dir, evalRecordFile);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

export interface Baseline {
  result: EvalResult;
  /** e.g. `git show @acme/prompt-x@1.4.0:prompts/x/eval-result.json`, or a file path. */
  source: string;
}

/**
 * An eval record or a bare EvalResult (e.g. `--report json` output), as JSON
 * text. A record goes through @promptpack/spec's record reader whole, so a
 * baseline is never a partial record.
 */
export function parseResultFile(text: string, source: string): EvalResult {
  const record = safeParseEvalRecordText(text);
  // Not a record by its specificationVersion: then it must be a bare result.
  const parsed = record.success ? { success: true as const, data: record.data.result } : record.error.path === 'specificationVersion' ? safeParseEvalResultText(text) : record;
  if (!parsed.success) throw new PromptpackError('cli/usage', `${source}: ${parsed.error.summary}`, { hint: parsed.error.hint });
  return parsed.data;
}

export function readBaselineFile(file: string): Baseline {
  if (!existsSync(file)) throw new PromptpackError('cli/usage', `No baseline file at ${file}.`, { hint: 'Pass an eval-result.json, or --baseline auto for the previous release.' });
  return { result: parseResultFile(readFileSync(file, 'utf8'), file), source: file };
}

export type AutoBaseline = { found: Baseline } | { missing: string };

/**
 * The previous release's record: `eval-result.json` as committed at the
 * release tag of the newest version below `version` (for the working tree,
 * at or below: a tagged version being re-evaluated compares with itself as
 * released). Read from git, so no registry is needed.
 */
export function findAutoBaseline(dir: string, name: string, version: string, options: { includeSameVersion: boolean }): AutoBaseline {
  let repoRoot: string;
  try {
    repoRoot = findRepoRoot(dir);
  } catch {
    return { missing: 'not in a git repository, so there are no release tags to compare with' };
  }
  const tags = listReleaseTags(repoRoot, name).filter((tag) => {
    const order = compareVersions(tag.version, version);
    return order < 0 || (options.includeSameVersion && order === 0);
  });
  const tag = tags.at(-1);
  if (!tag) return { missing: `no release of ${name} before ${version}` };
  const file = path.relative(repoRoot, path.join(dir, evalRecordFile)).split(path.sep).join('/');
  let text: string;
  try {
    text = execFileSync('git', ['show', `${tag.tag}:${file}`], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return { missing: `${tag.tag} has no ${file} (released without a recorded eval)` };
  }
  const source = `${tag.tag}:${file}`;
  return { found: { result: parseResultFile(text, source), source } };
}
