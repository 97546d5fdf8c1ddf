import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EvalError, gate, runEvals } from '@promptpack/eval';
import { compareResults, formatSummaryLine, type JunitEntry, renderCompareHtml, renderCompareMarkdown, renderHtmlReport, renderJunitReport, renderMarkdownReport } from '@promptpack/report';
import { evalRecordFile, PromptpackError, scrubValue, type EvalResult, type GateResult, type GateThresholds } from '@promptpack/spec';
import { type Baseline, createEvalRecord, findAutoBaseline, readBaselineFile, writeEvalRecord } from '../eval/eval-record.js';
import { type EvalOptions, evalOptionsFrom, type EvalValues, type ReportFormat } from '../eval/eval-options.js';
import { evalSecretScrubber, scrubbingIo, scrubError } from '../eval/eval-secrets.js';
import { createProgress, isInteractive } from '../eval/progress.js';
import { type BuiltPrompt, loadReleasedPrompt, loadWorkingTreePrompt } from '../eval/prompt-module.js';
import { createProvider, judgeOptions, type ProviderSetup } from '../eval/providers.js';
import { findPromptDirs, findPromptsRoot } from '../find-prompts.js';
import { printDiagnostics, type Io } from '../output.js';
import { readReviews, reviewsPath } from '../review/reviews-store.js';

/** Exit codes of `promptpack eval`: the gate's verdict, or the run itself failing. */
const exit = { ok: 0, gateFailed: 1, runFailed: 2 } as const;
const defaultThresholds: GateThresholds = { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 2 };
const extensions: Record<ReportFormat, string> = { json: 'json', markdown: 'md', html: 'html' };

/** The checked options and the scrubber of this run's secrets, which every result passes before it is reported. */
type CommandOptions = EvalOptions & { scrub: (text: string) => string };

/**
 * `promptpack eval <id...>`: runs each prompt's golden cases against a model
 * (or recorded answers), prints one line per prompt, and with --gate decides
 * pass/fail and writes the eval record `promptpack release` requires. Exit 0 when
 * the gate passed (or no --gate), 1 when it failed, 2 when the run itself
 * failed (usage, provider misconfigured, every request errored).
 */
export async function evalCommand(prompts: readonly string[], values: EvalValues, terminal: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Every line printed and every result reported or recorded passes the scrubber first.
  const scrub = evalSecretScrubber(values, env);
  const io = scrubbingIo(terminal, scrub);
  try {
    const options = { ...evalOptionsFrom(prompts, values, env), scrub };
    const dirs = resolvePromptDirs(options.prompts);
    if (options.compare) return await comparePrompt(dirs[0] as string, options, options.compare, io);
    // With reports on stdout, the summary lines move to stderr so stdout stays parseable.
    const toStdout = options.reports.length > 0 && options.out === undefined;
    const say = toStdout ? io.err : io.out;
    const results: EvalResult[] = [];
    const junit: JunitEntry[] = [];
    let code: number = exit.ok;
    for (const dir of dirs) {
      const outcome = await evalPrompt(dir, options, io, say);
      code = Math.max(code, outcome.code);
      if (outcome.result) {
        results.push(outcome.result);
        junit.push({ result: outcome.result, ...(outcome.gate ? { gate: outcome.gate } : {}) });
        writeReports(outcome.result, outcome.gate, options, io, say);
      }
    }
    if (options.junit !== undefined) {
      const file = path.resolve(options.junit);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, renderJunitReport(junit));
      say(`junit ${shown(file)} (${junit.length} prompt${junit.length === 1 ? '' : 's'})`);
    }
    if (toStdout && options.reports.includes('json')) io.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return code;
  } catch (error) {
    return reportError(scrubError(error, scrub), io);
  }
}

interface PromptOutcome {
  code: number;
  result?: EvalResult;
  gate?: GateResult;
}

async function evalPrompt(dir: string, options: CommandOptions, io: Io, say: (line: string) => void): Promise<PromptOutcome> {
  let built: BuiltPrompt | undefined;
  try {
    built = options.version ? await loadReleasedPrompt(dir, options.version) : await loadWorkingTreePrompt(dir);
    printDiagnostics(io, built.diagnostics);
    const setup = createProvider(options, dir);
    const notes: string[] = [];
    const baseline = options.gate || options.baseline ? resolveBaseline(dir, built, options, notes) : undefined;
    const result = await run(built, setup, options, io);
    const failed = runFailure(result, io);
    if (failed) return { code: exit.runFailed, result };
    if (!options.gate) {
      say(formatSummaryLine(result));
      for (const note of notes) say(note);
      printNotHardPassed(result, say);
      return { code: exit.ok, result };
    }
    // Human verdicts (promptpack review) on the answers of cases that ask for a person.
    const reviews = readReviews(reviewsPath(dir), built.manifest.id);
    const verdict = gate(result, { thresholds: { ...defaultThresholds, ...built.module.evals.thresholds }, reviews, ...(baseline ? { baseline: baseline.result } : {}) });
    say(formatSummaryLine(result, verdict));
    for (const note of notes) say(note);
    for (const reason of verdict.reasons) say(`  gate: ${reason}`);
    printNotHardPassed(result, say);
    if (verdict.passed) recordIfComplete(dir, built, result, verdict, baseline, options, say);
    return { code: verdict.passed ? exit.ok : exit.gateFailed, result, gate: verdict };
  } catch (error) {
    return { code: reportError(error, io, path.basename(dir)) };
  } finally {
    built?.cleanup();
  }
}

async function run(built: BuiltPrompt, setup: ProviderSetup, options: CommandOptions, io: Io, label?: string): Promise<EvalResult> {
  const { manifest } = built;
  const progress = createProgress(label ?? `${manifest.id}@${manifest.version}`, isInteractive());
  try {
    const result = await runEvals({
      prompt: built.module as never,
      provider: setup.provider,
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.repeats !== undefined ? { repeats: options.repeats } : {}),
      concurrency: options.concurrency,
      ...(options.tiers ? { tiers: options.tiers } : {}),
      ...(options.caseIds ? { caseIds: options.caseIds } : {}),
      judge: judgeOptions(options, setup, (built.module.evals as { judge?: { baseUrl?: string } }).judge),
      onProgress: (state) => progress.update(state),
    });
    // Scrubbed as data, before any rendering: the HTML report escapes `"` and `&`, so a rendered key no longer matches its raw form.
    return scrubValue(result, options.scrub);
  } finally {
    progress.clear();
    setup.flush();
    if (options.record && setup.file) io.err(`recordings: ${shown(setup.file)}`);
  }
}

/** Errored runs are named by case on stderr; when every request errored the run failed as a whole. */
function runFailure(result: EvalResult, io: Io): boolean {
  const errored = result.cases.filter((c) => c.runs.some((r) => r.outcome === 'error'));
  for (const c of errored.slice(0, 10)) {
    const run = c.runs.find((r) => r.outcome === 'error');
    io.err(`error ${result.prompt.id} case "${c.id}": ${(run?.error ?? 'unknown error').split('\n')[0]}`);
  }
  if (errored.length > 10) io.err(`... and ${errored.length - 10} more cases with errors`);
  const all = result.totals.runs > 0 && result.totals.errors === result.totals.runs;
  if (all) {
    const hint = result.cases.some((c) => c.runs.some((r) => r.errorCode === 'replay/miss'))
      ? 'record the answers first: promptpack eval <id> --provider openai --record (with OPENAI_BASE_URL / OPENAI_API_KEY), then commit the recordings.'
      : 'check the endpoint, key and model (OPENAI_BASE_URL, OPENAI_API_KEY, --model).';
    io.err(`error ${result.prompt.id}: every one of ${result.totals.runs} requests failed, so nothing was measured.\n  hint: ${hint}`);
  }
  return all;
}

function printNotHardPassed(result: EvalResult, say: (line: string) => void): void {
  const shown = result.cases.filter((c) => c.outcome === 'fail' || (c.tier === 'blocking' && c.outcome !== 'hard-pass'));
  for (const c of shown.slice(0, 10)) {
    const first = c.runs.flatMap((r) => r.failures.filter((f) => !f.soft || c.outcome === 'soft-pass'))[0];
    say(`  ${c.outcome.padEnd(9)} ${c.tier.padEnd(10)} ${c.id}${first ? `: ${first.assertion}: ${first.reason}` : ''}`);
  }
  if (shown.length > 10) say(`  ... and ${shown.length - 10} more (--report markdown lists them all)`);
}

function resolveBaseline(dir: string, built: BuiltPrompt, options: CommandOptions, notes: string[]): Baseline | undefined {
  if (options.baseline !== undefined && options.baseline !== 'auto') {
    notes.push(`  baseline: ${options.baseline}`);
    return readBaselineFile(path.resolve(options.baseline));
  }
  const found = findAutoBaseline(dir, built.manifest.name, built.manifest.version, { includeSameVersion: !options.version });
  if ('missing' in found) {
    notes.push(`  baseline: none (${found.missing})`);
    return undefined;
  }
  notes.push(`  baseline: ${found.found.source}`);
  return found.found;
}

/**
 * A record stands for the whole manifest of the working tree: a run of
 * some tiers or cases, or of an old version, is never written as one.
 */
function recordIfComplete(dir: string, built: BuiltPrompt, result: EvalResult, verdict: GateResult, baseline: Baseline | undefined, options: CommandOptions, say: (line: string) => void): void {
  if (options.tiers || options.caseIds) {
    say(`  not recorded: --tier/--case ran a subset; \`promptpack release\` needs a gated run of every case.`);
    return;
  }
  const manifestRepeats = (built.module.evals as { repeats?: number }).repeats ?? 3;
  if (result.repeats < manifestRepeats) {
    say(`  not recorded: --repeats ${result.repeats} is below the manifest's ${manifestRepeats}; \`promptpack release\` needs the repeats evals.yaml asks for.`);
    return;
  }
  const file = writeEvalRecord(dir, createEvalRecord(result, verdict, built.manifest.hashes.evals, baseline));
  say(`  recorded ${shown(file) || evalRecordFile} (contentHash ${built.manifest.contentHash.slice(0, 19)}…): commit it with the prompt`);
}

function writeReports(result: EvalResult, verdict: GateResult | undefined, options: CommandOptions, io: Io, say: (line: string) => void): void {
  for (const format of options.reports) {
    if (format === 'json' && options.out === undefined) continue; // printed once, after every prompt
    const text = format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format === 'markdown' ? renderMarkdownReport(result, verdict) : renderHtmlReport(result, verdict);
    if (options.out === undefined) {
      io.out(text.trimEnd());
      continue;
    }
    const suffix = options.version ? `@${result.prompt.version}` : '';
    const file = path.join(path.resolve(options.out), `${result.prompt.id}${suffix}.eval.${extensions[format]}`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    say(`  report ${shown(file)}`);
  }
}

/**
 * `--compare A B`: both versions on the same cases (B's manifest, the newer
 * golden set) with the same provider, then a side-by-side markdown and HTML
 * report. A version is a release tag's version or `working`.
 */
async function comparePrompt(dir: string, options: CommandOptions, [from, to]: [string, string], io: Io): Promise<number> {
  const load = (version: string) => (version === 'working' ? loadWorkingTreePrompt(dir) : loadReleasedPrompt(dir, version));
  const before = await load(from);
  try {
    const after = await load(to);
    try {
      const setup = createProvider(options, dir);
      const sameCases = { ...before, module: { ...before.module, evals: { ...before.module.evals, cases: after.module.evals.cases } } } as BuiltPrompt;
      const results: EvalResult[] = [];
      for (const [built, label] of [
        [sameCases, from],
        [after, to],
      ] as const) {
        const result = await run(built, setup, options, io, `${built.manifest.id} ${label}`);
        if (runFailure(result, io)) return exit.runFailed;
        io.out(formatSummaryLine(result));
        results.push(result);
      }
      const labels = { before: label(from, before), after: label(to, after) };
      const comparison = compareResults(results[0] as EvalResult, results[1] as EvalResult, labels);
      const out = path.resolve(options.out ?? 'eval-reports');
      mkdirSync(out, { recursive: true });
      const base = path.join(out, `${after.manifest.id}.compare-${from}-${to}`);
      writeFileSync(`${base}.md`, renderCompareMarkdown(comparison));
      writeFileSync(`${base}.html`, renderCompareHtml(comparison));
      const { counts } = comparison;
      io.out(`compared ${labels.before} → ${labels.after}: ${counts.regressed} regressed, ${counts.improved} improved, ${counts.unchanged} unchanged, ${counts.new} new, ${counts.removed} removed`);
      for (const c of comparison.cases.filter((entry) => entry.change === 'regressed')) io.out(`  regressed ${c.tier.padEnd(10)} ${c.id}: ${c.before?.outcome} → ${c.after?.outcome}`);
      io.out(`  report ${shown(`${base}.md`)}\n  report ${shown(`${base}.html`)}`);
      return exit.ok;
    } finally {
      after.cleanup();
    }
  } finally {
    before.cleanup();
  }
}

/** A path as the user would type it: relative below the working directory, absolute elsewhere. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function label(version: string, built: BuiltPrompt): string {
  return version === 'working' ? `${built.manifest.version} (working tree)` : version;
}

/** Ids (`support-reply`), folders (`prompts/support-reply`), or every prompt. */
function resolvePromptDirs(args: readonly string[]): string[] {
  const root = findPromptsRoot();
  if (args.length === 0) {
    if (!root) throw new PromptpackError('prompt/not-found', `No prompts/ directory in ${process.cwd()} or any parent.`, { hint: 'Run from a promptpack repository, or name the prompts to evaluate.' });
    return findPromptDirs([]);
  }
  return args.map((arg) => {
    for (const candidate of [path.resolve(arg), ...(root ? [path.join(root, arg)] : [])]) {
      if (existsSync(path.join(candidate, 'prompt.yaml')) && statSync(candidate).isDirectory()) return candidate;
    }
    throw new PromptpackError('cli/usage', `No prompt "${arg}": neither ${arg}/prompt.yaml nor prompts/${arg}/prompt.yaml exists.`, {
      hint: root ? `Prompts here: ${findPromptDirs([]).map((dir) => path.basename(dir)).join(', ') || 'none'}.` : 'Run from a promptpack repository.',
    });
  });
}

function reportError(error: unknown, io: Io, prompt?: string): number {
  const where = prompt ? ` (${prompt})` : '';
  if (PromptpackError.isInstance(error) || EvalError.isInstance(error)) {
    io.err(`error ${error.code}${where}: ${error.message}`);
    return exit.runFailed;
  }
  throw error;
}
