// A /metrics endpoint whose counts a test sets: promptpack_outcomes_total per
// prompt version and outcome, in Prometheus's text format, as the runtime's
// OpenTelemetry exporter writes it. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Outcome = 'ok' | 'parse_failure' | 'error';

export interface MetricsEndpoint {
  /** `127.0.0.1:<port>`, what Prometheus scrapes. */
  target: string;
  /** Sets the counter of one version and outcome (counters only grow: pass the new total). */
  set(id: string, version: string, outcome: Outcome, total: number): void;
  close(): Promise<void>;
}

export async function startMetricsEndpoint(): Promise<MetricsEndpoint> {
  const counts = new Map<string, { id: string; version: string; outcome: Outcome; total: number }>();
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    const lines = ['# HELP promptpack_outcomes_total Outcomes of rendered requests', '# TYPE promptpack_outcomes_total counter'];
    for (const { id, version, outcome, total } of counts.values()) lines.push(`promptpack_outcomes_total{promptpack_prompt_id="${id}",promptpack_prompt_version="${version}",promptpack_outcome="${outcome}"} ${total}`);
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    set: (id, version, outcome, total) => counts.set(`${id}\n${version}\n${outcome}`, { id, version, outcome, total }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
