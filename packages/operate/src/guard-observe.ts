// The guard's reads from Prometheus: for each metric, canary and stable
// counts since the canary started; the canary's requests since its current
// step; and how old the newest sample is. Throws PrometheusError when any
// query fails: the guard then holds, it never decides on half the data.
import type { CanaryRun } from './guard-canary.js';
import type { Arm, Observations } from './guard-decision.js';
import { fillQuery, type GuardMetric } from './guard-metrics.js';
import type { PrometheusClient } from './prometheus-client.js';

export interface ObserveRequest {
  id: string;
  run: CanaryRun;
  metrics: GuardMetric[];
  freshnessQuery: string;
  /** Label matchers for every series read (`job="checkout"`), from parseMatchers. */
  match?: string;
  now: Date;
}

/** Observations, and the exact queries they came from (for the audit record). */
export interface Observed {
  observations: Observations;
  queries: string[];
}

export async function observe(prometheus: PrometheusClient, request: ObserveRequest): Promise<Observed> {
  const { id, run, now } = request;
  const queries: string[] = [];
  const windowSeconds = (now.getTime() - run.started.getTime()) / 1000;
  const stepSeconds = (now.getTime() - run.stepStarted.getTime()) / 1000;
  // One value per query; a query with no series (no request of that kind yet) reads as absent.
  // Metrics share queries (parse-failure and error count the same requests): each distinct one runs once.
  const answers = new Map<string, Promise<number | undefined>>();
  const scalar = (template: string, version: string | undefined, seconds: number): Promise<number | undefined> => {
    const query = fillQuery(template, { id, version, windowSeconds: seconds, match: request.match });
    let answer = answers.get(query);
    if (!answer) {
      queries.push(query);
      answer = prometheus.query(query, now).then((found) => {
        const samples = found.filter((sample) => Number.isFinite(sample.value));
        return samples.length === 0 ? undefined : samples.reduce((sum, sample) => sum + sample.value, 0);
      });
      answers.set(query, answer);
    }
    return answer;
  };
  const arm = async (metric: GuardMetric, version: string): Promise<Arm> => {
    const count = (await scalar(metric.kind === 'proportion' ? metric.total : metric.count, version, windowSeconds)) ?? 0;
    // No series of bad requests while there are requests: none was bad (the counter of a label value appears on its first use).
    const value = (await scalar(metric.kind === 'proportion' ? metric.bad : metric.sum, version, windowSeconds)) ?? 0;
    return { count: Math.max(0, count), value };
  };
  const metrics: Observations['metrics'] = [];
  for (const metric of request.metrics) metrics.push({ metric, canary: await arm(metric, run.version), stable: await arm(metric, run.stable) });
  const first = request.metrics[0];
  const stepSamples = first ? ((await scalar(first.kind === 'proportion' ? first.total : first.count, run.version, stepSeconds)) ?? 0) : 0;
  const ageSeconds = await scalar(request.freshnessQuery, undefined, windowSeconds);
  return { observations: { metrics, ageSeconds, percent: run.percent, stepSeconds, stepSamples }, queries };
}
