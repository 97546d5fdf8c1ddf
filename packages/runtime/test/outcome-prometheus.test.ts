// What Prometheus scrapes: outcomes reported through the runtime, exported
// by the real @opentelemetry/exporter-prometheus on a /metrics endpoint on
// 127.0.0.1. These are the names the guard and the dashboards query
// (docs/operating.md, "Dashboards"): counters gain `_total`, units add no
// suffix in this exporter version.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type AnyPromptModule, createPromptRuntime, staticFlags } from '../src/index.js';
import { buildOutcomeVersions, orderVariables } from './outcome-versions.js';

let stable: AnyPromptModule;
let canary: AnyPromptModule;
let server: Server;
let provider: MeterProvider;
let url: string;

beforeAll(async () => {
  ({ stable, canary } = await buildOutcomeVersions('prometheus'));
  const exporter = new PrometheusExporter({ preventServerStart: true });
  provider = new MeterProvider({ readers: [exporter] });
  server = createServer((request, response) => exporter.getMetricsRequestHandler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await provider?.shutdown();
});

/** The sample lines of one metric family, without the labels every line shares. */
function samples(text: string, family: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${family}{`) || line.startsWith(`${family}_`))
    .map((line) => line.replace(/promptpack_prompt_content_hash="[^"]+",/, '').replace(/,otel_scope_name="@promptpack\/runtime"/, ''));
}

test('serves per-version outcomes, latency, tokens, cost and feedback under the names the guard queries', async () => {
  const runtime = createPromptRuntime({ prompts: { 'order-help': { stable, candidates: [canary] } }, flags: staticFlags({ 'prompt.order-help': '1.1.0' }), meter: provider.getMeter('@promptpack/runtime'), tracer: false });
  const rendered = runtime.render('order-help', orderVariables);
  runtime.reportOutcome(rendered, { latencyMs: 300, inputTokens: 10, outputTokens: 3, costUsd: 0.25, parsed: true });
  runtime.reportOutcome(rendered, { latencyMs: 50, parsed: false, feedback: 1 });
  runtime.reportOutcome(rendered, { error: 'timeout' });

  const response = await fetch(url);
  expect(response.status).toBe(200);
  const text = await response.text();
  const labels = 'promptpack_prompt_id="order-help",promptpack_prompt_version="1.1.0",gen_ai_request_model="gpt-4o-mini",gen_ai_provider_name="openai"';
  expect(text).toContain(`promptpack_prompt_content_hash="${canary.manifest.contentHash}"`);
  expect(text).toContain('# TYPE promptpack_outcomes_total counter');
  expect(samples(text, 'promptpack_outcomes_total')).toEqual([
    `promptpack_outcomes_total{${labels},promptpack_outcome="ok"} 1`,
    `promptpack_outcomes_total{${labels},promptpack_outcome="parse_failure"} 1`,
    `promptpack_outcomes_total{${labels},error_type="timeout",promptpack_outcome="error"} 1`,
  ]);
  expect(text).toContain('# TYPE gen_ai_client_operation_duration histogram');
  expect(text).toContain('# UNIT gen_ai_client_operation_duration s');
  const duration = samples(text, 'gen_ai_client_operation_duration');
  expect(duration).toContain(`gen_ai_client_operation_duration_count{${labels}} 2`);
  expect(duration).toContain(`gen_ai_client_operation_duration_sum{${labels}} 0.35`);
  expect(duration).toContain(`gen_ai_client_operation_duration_bucket{${labels},le="0.05"} 1`);
  expect(duration).toContain(`gen_ai_client_operation_duration_bucket{${labels},le="0.25"} 1`);
  expect(duration).toContain(`gen_ai_client_operation_duration_bucket{${labels},le="0.5"} 2`);
  // Round boundaries, so the guard's latency threshold (`le="5"` by default) names one.
  expect(duration).toContain(`gen_ai_client_operation_duration_bucket{${labels},le="5"} 2`);
  expect(samples(text, 'gen_ai_client_token_usage').filter((line) => line.includes('_sum'))).toEqual([
    `gen_ai_client_token_usage_sum{${labels},gen_ai_token_type="input"} 10`,
    `gen_ai_client_token_usage_sum{${labels},gen_ai_token_type="output"} 3`,
  ]);
  expect(samples(text, 'promptpack_cost_total')).toEqual([`promptpack_cost_total{${labels}} 0.25`]);
  expect(samples(text, 'promptpack_feedback').filter((line) => !line.includes('_bucket'))).toEqual([
    'promptpack_feedback_count{promptpack_prompt_id="order-help",promptpack_prompt_version="1.1.0"} 1',
    'promptpack_feedback_sum{promptpack_prompt_id="order-help",promptpack_prompt_version="1.1.0"} 1',
  ]);
  // No unit suffix in this exporter version (`_seconds`, `_tokens`, `_usd` would be the OpenMetrics ones).
  expect(text).not.toMatch(/_seconds|_usd|_tokens_/);
});
