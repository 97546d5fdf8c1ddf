// A /metrics endpoint whose counts a test sets: promptpack_outcomes_total per
// prompt version and outcome, and the model-call duration histogram, in
// Prometheus's text format, named as the runtime's OpenTelemetry exporter
// names them. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Outcome = 'ok' | 'parse_failure' | 'error';

export interface MetricsEndpoint {
  /** `127.0.0.1:<port>`, what Prometheus scrapes. */
  target: string;
  /** Sets the counter of one version and outcome (counters only grow: pass the new total). */
  set(id: string, version: string, outcome: Outcome, total: number): void;
  /** Sets the duration histogram of one version: cumulative counts per bucket boundary (`le`), and the count of all calls. */
  setDurations(id: string, version: string, buckets: Record<string, number>, count: number): void;
  close(): Promise<void>;
}

export async function startMetricsEndpoint(): Promise<MetricsEndpoint> {
  const counts = new Map<string, { id: string; version: string; outcome: Outcome; total: number }>();
  const durations = new Map<string, { id: string; version: string; buckets: Record<string, number>; count: number }>();
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    const lines = ['# HELP promptpack_outcomes_total Outcomes of rendered requests', '# TYPE promptpack_outcomes_total counter'];
    for (const { id, version, outcome, total } of counts.values()) lines.push(`promptpack_outcomes_total{promptpack_prompt_id="${id}",promptpack_prompt_version="${version}",promptpack_outcome="${outcome}"} ${total}`);
    lines.push('# HELP gen_ai_client_operation_duration Duration of model calls', '# TYPE gen_ai_client_operation_duration histogram');
    for (const { id, version, buckets, count } of durations.values()) {
      const labels = `promptpack_prompt_id="${id}",promptpack_prompt_version="${version}"`;
      for (const [le, cumulative] of [...Object.entries(buckets), ['+Inf', count] as const]) lines.push(`gen_ai_client_operation_duration_bucket{${labels},le="${le}"} ${cumulative}`);
      lines.push(`gen_ai_client_operation_duration_count{${labels}} ${count}`);
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    set: (id, version, outcome, total) => counts.set(`${id}\n${version}\n${outcome}`, { id, version, outcome, total }),
    setDurations: (id, version, buckets, count) => durations.set(`${id}\n${version}`, { id, version, buckets, count }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
