// The command line of `promptpack flags guard`, checked and defaulted into
// what @promptpack/operate's guard runs on. Every error names the flag and
// gives an example of right.
import { defaultFreshnessQuery, defaultMetric, FlagsError, guardMetricNames, parseMatchers, templatesWithoutMatch, type GuardMetric, type GuardMetricName, type GuardSettings } from '@promptpack/operate';
import { readGuardConfig } from './guard-config-file.js';
import type { FlagsValues } from './options.js';

/** The guard's own options, on top of the target and guardrail options every flags subcommand takes. */
export interface GuardValues extends FlagsValues {
  prometheus?: string;
  metric?: string[];
  margin?: string[];
  latencyThreshold?: string;
  costDeviation?: string;
  alpha?: string;
  minSamples?: string;
  step?: string;
  stepDuration?: string;
  stepSamples?: string;
  staleAfter?: string;
  interval?: string;
  config?: string;
  match?: string;
  once?: boolean;
}

export interface GuardCommandOptions {
  prometheus: string;
  bearerToken: string | undefined;
  settings: GuardSettings;
  freshnessQuery: string;
  /** Label matchers added to every query (`job="checkout"`), checked. */
  match: string | undefined;
  once: boolean;
  intervalMs: number;
}

export function guardOptionsFrom(values: GuardValues, env: NodeJS.ProcessEnv, cwd: string): GuardCommandOptions {
  const prometheus = values.prometheus ?? env.PROMETHEUS_URL;
  if (!prometheus) throw new FlagsError('flags/usage', 'guard needs --prometheus <url> (or PROMETHEUS_URL): the Prometheus that scrapes the services.', 'Example: promptpack flags guard support-reply --prometheus http://127.0.0.1:9090 --file flags.json');
  const config = values.config ? readGuardConfig(values.config, cwd) : undefined;
  const metrics = config?.metrics ?? builtInMetrics(values);
  const steps = parseSteps(values.step);
  return {
    prometheus,
    bearerToken: env.PROMETHEUS_BEARER_TOKEN || undefined,
    settings: {
      metrics,
      alpha: numberIn('--alpha', values.alpha, 0.01, { above: 0, below: 1, example: '--alpha 0.01' }),
      minSamples: numberIn('--min-samples', values.minSamples, 30, { atLeast: 1, example: '--min-samples 30' }),
      steps,
      minStepSeconds: seconds('--step-duration', values.stepDuration, 300),
      minStepSamples: numberIn('--step-samples', values.stepSamples, 500, { atLeast: 0, example: '--step-samples 500' }),
      staleAfterSeconds: seconds('--stale-after', values.staleAfter, 120),
    },
    freshnessQuery: config?.freshnessQuery ?? defaultFreshnessQuery,
    match: values.match === undefined ? undefined : matchOf(values.match, config),
    once: values.once ?? false,
    intervalMs: interval(values.interval) * 1000,
  };
}

/** --match is added through the `{match}` placeholder; a --config query without it would silently read every service. */
function matchOf(raw: string, config: ReturnType<typeof readGuardConfig> | undefined): string {
  const match = parseMatchers(raw, '--match');
  if (config) {
    const queries = config.metrics.flatMap((metric) => (metric.kind === 'proportion' ? [metric.bad, metric.total] : [metric.sum, metric.count]));
    const ignoring = templatesWithoutMatch([...queries, config.freshnessQuery ?? defaultFreshnessQuery]);
    if (ignoring.length > 0) {
      throw new FlagsError('flags/usage', `--match ${raw} would not apply to ${ignoring.length} --config quer${ignoring.length === 1 ? 'y' : 'ies'} without the {match} placeholder, e.g. ${ignoring[0]}.`, 'Put {match} inside each selector\'s braces after another matcher, e.g. requests_total{version="{version}"{match}}, or drop --match.');
    }
  }
  return match;
}

function interval(raw: string | undefined): number {
  const value = seconds('--interval', raw, 10);
  if (value < 1) throw new FlagsError('flags/usage', `--interval must be at least 1 s (each evaluation queries Prometheus); found "${raw}".`, 'Example: --interval 10s');
  return value;
}

function builtInMetrics(values: GuardValues): GuardMetric[] {
  const names = (values.metric ?? []).flatMap((entry) => entry.split(',')).map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!guardMetricNames.includes(name as GuardMetricName)) throw new FlagsError('flags/usage', `--metric ${name} is not a guard metric.`, `Use one of ${guardMetricNames.join(', ')} (repeatable or comma-separated), or --config <file> for your own PromQL.`);
  }
  if (names.includes('latency') && values.latencyThreshold === undefined) {
    throw new FlagsError('flags/usage', '--metric latency needs --latency-threshold <seconds>: a bucket boundary (`le`) of gen_ai_client_operation_duration; slower requests count as bad.', 'Example: --metric latency --latency-threshold 2.5');
  }
  if (values.latencyThreshold !== undefined) numberIn('--latency-threshold', values.latencyThreshold, 0, { above: 0, example: '--latency-threshold 2.5' });
  const costDeviation = values.costDeviation === undefined ? undefined : numberIn('--cost-deviation', values.costDeviation, 0, { above: 0, example: '--cost-deviation 0.002' });
  if (names.includes('cost') && costDeviation === undefined) {
    throw new FlagsError('flags/usage', '--metric cost needs --cost-deviation <usd>: an upper bound on the standard deviation of one request\'s cost (Prometheus keeps sums, not squares).', 'Example: --metric cost --cost-deviation 0.002');
  }
  const metrics = [...new Set(names.length > 0 ? names : ['parse-failure', 'error'])].map((name) => defaultMetric(name as GuardMetricName, { latencyThreshold: values.latencyThreshold, costDeviation }));
  for (const entry of values.margin ?? []) {
    const match = /^([a-z-]+)=(.+)$/.exec(entry.trim());
    const metric = match ? metrics.find((candidate) => candidate.name === match[1]) : undefined;
    if (!match || !metric) throw new FlagsError('flags/usage', `--margin ${entry}: expected <metric>=<value> for one of the guarded metrics (${metrics.map((m) => m.name).join(', ')}).`, 'Example: --margin parse-failure=0.02 (two points more parse failures are tolerated).');
    metric.margin = numberIn(`--margin ${match[1]}`, match[2], 0, { atLeast: 0, example: `--margin ${match[1]}=0.02` });
  }
  return metrics;
}

/** `--step 1,10,50,100`: ascending percentages, 0 < p <= 100. */
function parseSteps(raw: string | undefined): number[] {
  if (raw === undefined) return [];
  const steps = raw.split(',').map((part) => Number(part.trim().replace(/%$/, '')));
  const ascending = steps.every((step, index) => Number.isFinite(step) && step > 0 && step <= 100 && (index === 0 || step > steps[index - 1]!));
  if (!ascending || raw.trim() === '') throw new FlagsError('flags/usage', `--step must be ascending percentages from above 0 to 100, comma-separated; found "${raw}".`, 'Example: --step 1,10,50,100 (100 promotes the canary).');
  return steps;
}

interface Range {
  atLeast?: number;
  above?: number;
  below?: number;
  example: string;
}

function numberIn(flag: string, raw: string | undefined, fallback: number, range: Range): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const ok = raw.trim() !== '' && Number.isFinite(value) && (range.atLeast === undefined || value >= range.atLeast) && (range.above === undefined || value > range.above) && (range.below === undefined || value < range.below);
  if (!ok) {
    const bounds = [range.atLeast !== undefined ? `>= ${range.atLeast}` : undefined, range.above !== undefined ? `> ${range.above}` : undefined, range.below !== undefined ? `< ${range.below}` : undefined].filter(Boolean).join(' and ');
    throw new FlagsError('flags/usage', `${flag} must be a number ${bounds}; found "${raw}".`, `Example: ${range.example}`);
  }
  return value;
}

/** `90`, `90s`, `5m`, `1h`: seconds. */
function seconds(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$/.exec(raw);
  if (!match) throw new FlagsError('flags/usage', `${flag} must be a duration such as 90s, 5m or 1h; found "${raw}".`, `Example: ${flag} 5m`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}
