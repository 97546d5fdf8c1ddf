// What the guard compares between canary and stable, as PromQL templates.
// The defaults read what @promptpack/runtime's outcome reporting exports
// through @opentelemetry/exporter-prometheus (0.223): dots become
// underscores, counters get `_total`, histograms `_bucket`/`_sum`/`_count`,
// and no unit suffix is added (so `gen_ai_client_operation_duration_bucket`,
// not `..._seconds_bucket`). Every query is configurable for other names.
//
// Placeholders: {id} and {version} (inserted as PromQL string contents,
// escaped), {window} (the time since the canary started, e.g. `754s`) and
// {match} (the guard's --match label matchers after a comma, or nothing;
// put it inside a selector's braces, after another matcher).

export type GuardMetricName = 'parse-failure' | 'error' | 'latency' | 'cost' | 'feedback';

/** A rate of bad requests: `bad` of `total` (failed to parse, errored, slower than a threshold). */
export interface ProportionMetric {
  name: string;
  kind: 'proportion';
  /** What a bad request is, for the status line and the audit record. */
  description: string;
  bad: string;
  total: string;
  /** How many points (0-1) the canary's rate may exceed stable's before it counts as worse. */
  margin: number;
  /** The spread of the test's mixture over effects, in the same units as the margin. */
  mixture: number;
}

/** A mean per request (cost, feedback score), from a sum and a count. */
export interface MeanMetric {
  name: string;
  kind: 'mean';
  description: string;
  sum: string;
  count: string;
  /** Which direction hurts: cost higher, feedback lower. */
  worse: 'higher' | 'lower';
  /** An upper bound on one observation's standard deviation (Prometheus keeps no squares). */
  deviation: number;
  margin: number;
  mixture: number;
}

export type GuardMetric = ProportionMetric | MeanMetric;

export const guardMetricNames: readonly GuardMetricName[] = ['parse-failure', 'error', 'latency', 'cost', 'feedback'];

const version = 'promptpack_prompt_id="{id}",promptpack_prompt_version="{version}"{match}';
const outcomes = (extra = '') => `sum(increase(promptpack_outcomes_total{${version}${extra}}[{window}]))`;

/** How old the newest sample of the prompt's outcome counter may be, in seconds; older means the data is stale. */
export const defaultFreshnessQuery = 'time() - max(timestamp(promptpack_outcomes_total{promptpack_prompt_id="{id}"{match}}))';

export interface MetricDefaults {
  /** `le` of a latency histogram bucket: requests slower than it are bad. */
  latencyThreshold?: string;
  /** The standard deviation bound of one request's cost, in USD. */
  costDeviation?: number;
}

/**
 * The built-in definition of a guard metric. Margins are what an on-call
 * engineer would tolerate for a minute: one point more parse failures or
 * errors, two points more slow requests, 0.05 less feedback.
 */
export function defaultMetric(name: GuardMetricName, defaults: MetricDefaults): GuardMetric {
  switch (name) {
    case 'parse-failure':
      return { name, kind: 'proportion', description: 'answers that failed to parse', bad: outcomes(',promptpack_outcome="parse_failure"'), total: outcomes(), margin: 0.01, mixture: 0.05 };
    case 'error':
      return { name, kind: 'proportion', description: 'requests that errored', bad: outcomes(',promptpack_outcome="error"'), total: outcomes(), margin: 0.01, mixture: 0.05 };
    case 'latency': {
      const le = defaults.latencyThreshold ?? '5';
      const histogram = (series: string, extra = '') => `sum(increase(gen_ai_client_operation_duration_${series}{${version}${extra}}[{window}]))`;
      return { name, kind: 'proportion', description: `model calls slower than ${le} s`, bad: `${histogram('count')} - ${histogram('bucket', `,le=~"${bucketPattern(le)}"`)}`, total: histogram('count'), margin: 0.02, mixture: 0.05 };
    }
    case 'cost':
      return { name, kind: 'mean', description: 'cost per request (USD)', sum: `sum(increase(promptpack_cost_total{${version}}[{window}]))`, count: outcomes(), worse: 'higher', deviation: defaults.costDeviation ?? 0.01, margin: 0, mixture: defaults.costDeviation ?? 0.01 };
    case 'feedback':
      return { name, kind: 'mean', description: 'feedback score (0-1)', sum: `sum(increase(promptpack_feedback_sum{${version}}[{window}]))`, count: `sum(increase(promptpack_feedback_count{${version}}[{window}]))`, worse: 'lower', deviation: 0.5, margin: 0.05, mixture: 0.1 };
  }
}

/**
 * The `le` label of a bucket boundary, whichever way it is written: the
 * exporter writes `2.5` and `5`, Prometheus 3 normalises to `5.0`, and an
 * operator may type `2.50`. A label that matches nothing would read as "no
 * slow requests", so the match is by value, not by spelling.
 */
export function bucketPattern(threshold: string): string {
  const value = String(Number(threshold));
  return value.includes('.') ? `${value.replace('.', '\\\\.')}0*` : `${value}(\\\\.0*)?`;
}

/** A PromQL string literal's contents: a version or id with a quote or backslash cannot break out of it. */
export function promqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `match`: label matchers already checked by parseMatchers (they are inserted as they are). */
export function fillQuery(template: string, values: { id: string; version?: string; windowSeconds?: number; match?: string }): string {
  return template
    .replaceAll('{match}', values.match ? `,${values.match}` : '')
    .replaceAll('{id}', promqlString(values.id))
    .replaceAll('{version}', promqlString(values.version ?? ''))
    .replaceAll('{window}', `${Math.max(1, Math.ceil(values.windowSeconds ?? 0))}s`);
}
