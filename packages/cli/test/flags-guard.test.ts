// `promptpack flags guard`'s command line: what it refuses and how it says
// so (exit 2), the --config file, and the option values it runs on. The
// guard against a real Prometheus is scripts/prometheus/guard.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guardOptionsFrom } from '../src/flags/guard-options.js';
import { main } from '../src/main.js';
import { capture } from './capture-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'promptpack-flags-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function guard(...args: string[]) {
  const io = capture();
  const code = await main(['flags', 'guard', 'support-reply', '--file', path.join(dir, 'flags.json'), ...args], io, { env: { USER: 'oncall' }, cwd: dir });
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

describe('promptpack flags guard: usage', () => {
  it.each([
    [[], /guard needs --prometheus <url> \(or PROMETHEUS_URL\)/],
    [['--prometheus', 'localhost:9090'], /--prometheus is not an http\(s\) URL: "localhost:9090"\. Example: --prometheus http:\/\/127\.0\.0\.1:9090/],
    [['--prometheus', 'http://p', '--metric', 'parse-failures'], /--metric parse-failures is not a guard metric\.\nhint: Use one of parse-failure, error, latency, cost, feedback/],
    [['--prometheus', 'http://p', '--metric', 'latency'], /--metric latency needs --latency-threshold <seconds>/],
    [['--prometheus', 'http://p', '--metric', 'cost'], /--metric cost needs --cost-deviation <usd>/],
    [['--prometheus', 'http://p', '--margin', 'latency=0.1'], /--margin latency=0\.1: expected <metric>=<value> for one of the guarded metrics \(parse-failure, error\)/],
    [['--prometheus', 'http://p', '--margin', 'error=-1'], /--margin error must be a number >= 0; found "-1"/],
    [['--prometheus', 'http://p', '--step', '50,10'], /--step must be ascending percentages from above 0 to 100, comma-separated; found "50,10"/],
    [['--prometheus', 'http://p', '--alpha', '1'], /--alpha must be a number > 0 and < 1; found "1"/],
    [['--prometheus', 'http://p', '--interval', 'soon'], /--interval must be a duration such as 90s, 5m or 1h; found "soon"/],
    [['--prometheus', 'http://p', '--interval', '0s'], /--interval must be at least 1 s \(each evaluation queries Prometheus\); found "0s"/],
  ])('%j: exit 2 and what to do', async (args, message) => {
    const result = await guard(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\(promptpack flags guard --help lists its options and examples\)/);
  });

  it('--help documents the exit codes', async () => {
    const io = capture();
    await main(['flags', 'guard', '--help'], io, { env: {}, cwd: dir });
    expect(io.text().replace(/\s+/g, ' ')).toMatch(/3 a guardrail refused the step up, 4 rolled back, 5 held: no or stale data \(--once\)/);
  });
});

describe('guardOptionsFrom', () => {
  it('defaults: parse-failure and error, alpha 0.01, no stepping, 120 s staleness, 10 s interval', () => {
    const options = guardOptionsFrom({}, { PROMETHEUS_URL: 'http://127.0.0.1:9090', PROMETHEUS_BEARER_TOKEN: 'tok' }, dir);
    expect(options).toMatchObject({ prometheus: 'http://127.0.0.1:9090', bearerToken: 'tok', once: false, intervalMs: 10_000 });
    expect(options.settings).toMatchObject({ alpha: 0.01, minSamples: 30, steps: [], minStepSeconds: 300, minStepSamples: 500, staleAfterSeconds: 120 });
    expect(options.settings.metrics.map((metric) => [metric.name, metric.margin])).toEqual([
      ['parse-failure', 0.01],
      ['error', 0.01],
    ]);
  });

  it('--metric latency reads the duration histogram above the threshold bucket; margins, steps and durations parse', () => {
    const options = guardOptionsFrom({ prometheus: 'http://p', metric: ['latency,parse-failure'], latencyThreshold: '2.5', margin: ['latency=0.05'], step: '1,10,50,100', stepDuration: '2m', staleAfter: '90s' }, {}, dir);
    const [latency] = options.settings.metrics;
    expect(latency).toMatchObject({ name: 'latency', kind: 'proportion', margin: 0.05 });
    expect(latency!.kind === 'proportion' && latency!.bad).toBe(
      'sum(increase(gen_ai_client_operation_duration_count{promptpack_prompt_id="{id}",promptpack_prompt_version="{version}"{match}}[{window}])) - sum(increase(gen_ai_client_operation_duration_bucket{promptpack_prompt_id="{id}",promptpack_prompt_version="{version}"{match},le=~"2\\\\.50*"}[{window}]))',
    );
    expect(options.settings).toMatchObject({ steps: [1, 10, 50, 100], minStepSeconds: 120, staleAfterSeconds: 90 });
  });

  it('--config: a built-in with overrides and a metric of your own PromQL', () => {
    const file = path.join(dir, 'guard.json');
    writeFileSync(
      file,
      JSON.stringify({
        metrics: [
          { name: 'parse-failure', margin: 0.02 },
          { name: 'refusals', kind: 'proportion', bad: 'sum(increase(refusals_total{v="{version}"}[{window}]))', total: 'sum(increase(requests_total{v="{version}"}[{window}]))', margin: 0.01, mixture: 0.05 },
        ],
        freshnessQuery: 'time() - max(timestamp(requests_total))',
      }),
    );
    const options = guardOptionsFrom({ prometheus: 'http://p', config: 'guard.json' }, {}, dir);
    expect(options.settings.metrics.map((metric) => [metric.name, metric.margin])).toEqual([
      ['parse-failure', 0.02],
      ['refusals', 0.01],
    ]);
    expect(options.freshnessQuery).toBe('time() - max(timestamp(requests_total))');
  });

  it('--config errors name the file and the path inside it', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ metrics: [{ name: 'refusals', kind: 'proportion', total: 'x', margin: 0.01, mixture: 0.05 }] }));
    expect(() => guardOptionsFrom({ prometheus: 'http://p', config: 'broken.json' }, {}, dir)).toThrow('--config broken.json: metrics[0].bad: expected a string, found undefined.');
  });
});
