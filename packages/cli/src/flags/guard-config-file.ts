// `flags guard --config guard.json`: the guard metrics as data, for names
// other than the runtime's defaults (another exporter, recording rules).
// An entry named like a built-in metric starts from its definition and
// overrides what it gives; any other name must define every query.
//
//   { "metrics": [ { "name": "parse-failure", "margin": 0.02 },
//                  { "name": "refusals", "kind": "proportion", "description": "answers that refused",
//                    "bad": "sum(increase(refusals_total{version=\"{version}\"}[{window}]))",
//                    "total": "sum(increase(requests_total{version=\"{version}\"}[{window}]))",
//                    "margin": 0.01, "mixture": 0.05 } ],
//     "freshnessQuery": "time() - max(timestamp(requests_total))" }
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultMetric, FlagsError, guardMetricNames, type GuardMetric, type GuardMetricName } from '@promptpack/operate';

export interface GuardConfig {
  metrics: GuardMetric[];
  freshnessQuery?: string;
}

export function readGuardConfig(file: string, cwd: string): GuardConfig {
  const absolute = path.resolve(cwd, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(absolute, 'utf8'));
  } catch (error) {
    throw new FlagsError('flags/usage', `--config ${file}: cannot read it as JSON (${(error as Error).message}).`, 'The file holds {"metrics": [...]}; see docs/operating.md, "The guard".');
  }
  const problem = (where: string, message: string) => new FlagsError('flags/usage', `--config ${file}: ${where}: ${message}.`, 'Each metric is {"name": "parse-failure"} (a built-in, optionally with "margin", "mixture", queries) or a full definition with "kind", "description" and its queries; see docs/operating.md, "The guard".');
  const root = data as { metrics?: unknown; freshnessQuery?: unknown };
  if (!root || typeof root !== 'object' || !Array.isArray(root.metrics) || root.metrics.length === 0) throw problem('metrics', 'expected a non-empty array of metrics');
  if (root.freshnessQuery !== undefined && typeof root.freshnessQuery !== 'string') throw problem('freshnessQuery', `expected a PromQL string, found ${JSON.stringify(root.freshnessQuery)}`);
  const metrics = root.metrics.map((entry: unknown, index: number) => metricOf(entry, `metrics[${index}]`, problem));
  return { metrics, ...(typeof root.freshnessQuery === 'string' ? { freshnessQuery: root.freshnessQuery } : {}) };
}

function metricOf(entry: unknown, where: string, problem: (where: string, message: string) => FlagsError): GuardMetric {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw problem(where, 'expected an object');
  const given = entry as Record<string, unknown>;
  if (typeof given.name !== 'string' || given.name.trim() === '') throw problem(`${where}.name`, 'expected a name');
  const builtIn = guardMetricNames.includes(given.name as GuardMetricName) ? defaultMetric(given.name as GuardMetricName, { latencyThreshold: typeof given.latencyThreshold === 'string' ? given.latencyThreshold : undefined }) : undefined;
  const kind = given.kind ?? builtIn?.kind;
  if (kind !== 'proportion' && kind !== 'mean') throw problem(`${where}.kind`, `expected "proportion" or "mean", found ${JSON.stringify(given.kind)}`);
  const merged: Record<string, unknown> = { ...(builtIn?.kind === kind ? builtIn : {}), ...given, kind };
  const text = (key: string) => {
    if (typeof merged[key] !== 'string' || (merged[key] as string).trim() === '') throw problem(`${where}.${key}`, `expected a string, found ${JSON.stringify(merged[key])}`);
    return merged[key] as string;
  };
  const number = (key: string, positive: boolean) => {
    const value = merged[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (positive && value === 0)) throw problem(`${where}.${key}`, `expected a number ${positive ? '> 0' : '>= 0'}, found ${JSON.stringify(value)}`);
    return value;
  };
  const common = { name: text('name'), description: typeof merged.description === 'string' ? merged.description : text('name'), margin: number('margin', false), mixture: number('mixture', true) };
  if (kind === 'proportion') return { ...common, kind, bad: text('bad'), total: text('total') };
  const worse = merged.worse;
  if (worse !== 'higher' && worse !== 'lower') throw problem(`${where}.worse`, `expected "higher" or "lower", found ${JSON.stringify(worse)}`);
  return { ...common, kind, sum: text('sum'), count: text('count'), worse, deviation: number('deviation', true) };
}
