import { PromptpackError, type Tier } from '@promptpack/spec';

export type ReportFormat = 'json' | 'markdown' | 'html';
export type ProviderName = 'openai' | 'replay';

export interface EvalOptions {
  /** Prompt ids or folders; empty means every prompt. */
  prompts: string[];
  version?: string;
  provider: ProviderName;
  /** How the provider was chosen, for the log. */
  providerSource: string;
  model?: string;
  baseURL?: string;
  repeats?: number;
  concurrency: number;
  tiers?: Tier[];
  caseIds?: string[];
  /** `auto` (default with --gate): the previous release's record; or a file. */
  baseline?: string;
  gate: boolean;
  record: boolean;
  replayFile?: string;
  reports: ReportFormat[];
  out?: string;
  /** A JUnit XML file covering every prompt of the run. */
  junit?: string;
  compare?: [string, string];
  timeoutMs?: number;
  /** The model grading llm-rubric; overrides evals.yaml's judge.model. */
  judgeModel?: string;
  /** The embedding model for similar; overrides evals.yaml's judge.embeddingModel. */
  embeddingModel?: string;
}

const tierNames: readonly Tier[] = ['blocking', 'monitoring', 'backlog'];
const reportFormats: readonly ReportFormat[] = ['json', 'markdown', 'html'];

function usage(message: string, hint: string): PromptpackError {
  return new PromptpackError('cli/usage', message, { hint });
}

/**
 * The options of `promptpack eval` as the argument parser hands them over
 * (see program/commands/eval.ts): strings, not yet checked.
 */
export interface EvalValues {
  version?: string;
  provider?: string;
  model?: string;
  baseUrl?: string;
  repeats?: string;
  concurrency?: string;
  tier?: string[];
  case?: string[];
  baseline?: string;
  gate?: boolean;
  record?: boolean;
  replayFile?: string;
  report?: string[];
  /** The same as `--report json`. */
  json?: boolean;
  out?: string;
  junit?: string;
  compare?: string[];
  timeout?: string;
  judgeModel?: string;
  embeddingModel?: string;
}

/**
 * Checks the command line of `promptpack eval` up front: a wrong value is a
 * usage error (exit 2) before any request is sent.
 */
export function evalOptionsFrom(positionals: readonly string[], values: EvalValues, env: NodeJS.ProcessEnv = process.env): EvalOptions {
  const compare = compareVersions(values.compare);
  const gate = values.gate ?? false;
  const record = values.record ?? false;
  const explicit = values.provider ?? env.PROMPTPACK_EVAL_PROVIDER;
  if (explicit !== undefined && explicit !== 'openai' && explicit !== 'replay') {
    throw usage(`Unknown provider "${explicit}".`, 'Use --provider openai (any OpenAI-compatible endpoint) or --provider replay (committed recordings).');
  }
  // CI replays committed recordings unless told otherwise; locally a configured endpoint is used.
  const configured = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL || values.baseUrl);
  const provider: ProviderName = explicit ?? (record ? 'openai' : env.CI ? 'replay' : configured ? 'openai' : 'replay');
  const providerSource =
    values.provider !== undefined ? '--provider' : env.PROMPTPACK_EVAL_PROVIDER !== undefined ? 'PROMPTPACK_EVAL_PROVIDER' : record ? '--record' : env.CI ? 'CI default' : configured ? 'OPENAI_* set' : 'no endpoint configured';
  if (record && provider !== 'openai') {
    throw usage('--record needs a live provider: recordings are answers from a real model.', 'Run with --provider openai --record (OPENAI_BASE_URL / OPENAI_API_KEY set).');
  }

  const tiers = values.tier?.flatMap((value) => value.split(',')).map((tier) => {
    if (!tierNames.includes(tier as Tier)) throw usage(`Unknown tier "${tier}".`, `Use one of ${tierNames.join(', ')}, e.g. --tier blocking.`);
    return tier as Tier;
  });
  const requested = [...(values.report ?? []).flatMap((value) => value.split(',')), ...(values.json ? ['json'] : [])];
  const reports = [...new Set(requested)].map((format) => {
    if (!reportFormats.includes(format as ReportFormat)) throw usage(`Unknown report format "${format}".`, 'Use --report json, markdown or html (several: --report markdown --report html); --json is --report json.');
    return format as ReportFormat;
  });
  if (compare && positionals.length !== 1) throw usage('--compare evaluates one prompt.', 'e.g. promptpack eval support-reply --compare 1.4.0 1.5.0');
  if (compare && (gate || values.version || record)) throw usage('--compare cannot be combined with --gate, --version or --record.', 'Compare reports differences; gate each version on its own.');
  if (compare && values.junit !== undefined) throw usage('--junit reports one run, not a --compare of two versions.', 'Run each version on its own with --junit, e.g. promptpack eval support-reply --junit eval-junit.xml.');
  if (values.junit === '') throw usage('--junit needs a file name.', 'e.g. --junit reports/evals.junit.xml');
  if (values.version && gate) {
    // A record belongs to the working tree's prompt; a released version's record is in its tag.
    throw usage('--gate evaluates the working tree, not --version.', 'Drop --version to gate what is about to be released, or drop --gate to evaluate an old version.');
  }

  return {
    prompts: [...positionals],
    ...(values.version !== undefined ? { version: values.version } : {}),
    provider,
    providerSource,
    ...(values.model !== undefined ? { model: values.model } : env.PROMPTPACK_EVAL_MODEL ? { model: env.PROMPTPACK_EVAL_MODEL } : {}),
    ...(values.baseUrl !== undefined ? { baseURL: values.baseUrl } : {}),
    ...(values.repeats !== undefined ? { repeats: positiveInteger('--repeats', values.repeats, 25) } : {}),
    concurrency: values.concurrency !== undefined ? positiveInteger('--concurrency', values.concurrency, 1024) : 4,
    ...(tiers ? { tiers } : {}),
    ...(values.case ? { caseIds: values.case.flatMap((value) => value.split(',')) } : {}),
    ...(values.baseline !== undefined ? { baseline: values.baseline } : gate ? { baseline: 'auto' } : {}),
    gate,
    record,
    ...(values.replayFile !== undefined ? { replayFile: values.replayFile } : {}),
    reports,
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.junit !== undefined ? { junit: values.junit } : {}),
    ...(compare ? { compare } : {}),
    ...(values.timeout !== undefined ? { timeoutMs: positiveInteger('--timeout', values.timeout, 3_600_000) } : {}),
    ...(values.judgeModel !== undefined ? { judgeModel: modelName('--judge-model', values.judgeModel) } : {}),
    ...(values.embeddingModel !== undefined ? { embeddingModel: modelName('--embedding-model', values.embeddingModel) } : {}),
  };
}

function modelName(flag: string, text: string): string {
  if (text.trim() === '') throw usage(`${flag} needs a model name.`, `e.g. ${flag} ${flag === '--judge-model' ? 'gpt-4o' : 'text-embedding-3-small'}`);
  return text;
}

function positiveInteger(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw usage(`${flag} must be a whole number from 1 to ${max}, found "${text}".`, `e.g. ${flag} 4`);
  return value;
}

/** `--compare A B` is read as a list; anything but exactly two versions is a usage error. */
function compareVersions(values: readonly string[] | undefined): [string, string] | undefined {
  if (values === undefined) return undefined;
  const [before, after] = values;
  if (values.length !== 2 || !before || !after) {
    const found = values.length === 0 ? 'none' : values.join(' ');
    throw usage(`--compare needs two versions, e.g. --compare 1.4.0 1.5.0; found ${found}.`, 'Each is a released version (its git tag) or "working" for the working tree; put the prompt id before --compare.');
  }
  return [before, after];
}
