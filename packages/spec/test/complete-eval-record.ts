// A complete eval record for other packages' tests: readers go through
// spec's parse, so a fixture must be the whole format, not the fields one
// reader happens to look at. Override what a test is about.
import { evalRecordVersion, evalResultVersion, type EvalRecord, type TierSummary } from '../src/plain.js';

export interface RecordOverrides {
  prompt?: Partial<EvalRecord['prompt']>;
  gate?: Partial<EvalRecord['gate']>;
  blocking?: Partial<TierSummary>;
  summary?: Partial<Omit<EvalRecord['summary'], 'blocking'>>;
  provider?: string;
  model?: string;
  recordedAt?: string;
}

export function completeEvalRecord(overrides: RecordOverrides = {}): EvalRecord {
  const prompt = { id: 'support-reply', name: '@acme/prompt-support-reply', version: '1.1.0', contentHash: 'sha256:aaaa1111', evalsHash: 'sha256:eeee', ...overrides.prompt };
  const blocking: TierSummary = { count: 10, hardPass: 10, softPass: 0, pass: 10, fail: 0, error: 0, hardPassRate: 1, passRate: 1, ...overrides.blocking };
  const rates = { count: blocking.count, hardPass: blocking.hardPassRate, pass: blocking.passRate, fail: 0, error: 0 };
  const empty = { count: 0, hardPass: 0, pass: 0, fail: 0, error: 0 };
  return {
    specificationVersion: evalRecordVersion,
    prompt,
    provider: overrides.provider ?? 'replay',
    model: overrides.model ?? 'gpt-4o-mini',
    recordedAt: overrides.recordedAt ?? '2026-11-21T10:00:00.000Z',
    summary: { cases: blocking.count, repeats: 3, errors: 0, blocking, all: blocking, ...overrides.summary },
    gate: { passed: true, reasons: [], checks: [], thresholds: { hardPassRate: 0.9, passRate: 0.95, maxDropPoints: 5 }, ...overrides.gate },
    baseline: null,
    result: {
      specificationVersion: evalResultVersion,
      prompt: { id: prompt.id, name: prompt.name, version: prompt.version, contentHash: prompt.contentHash },
      provider: overrides.provider ?? 'replay',
      model: overrides.model ?? 'gpt-4o-mini',
      repeats: 3,
      startedAt: '2026-11-21T09:59:00.000Z',
      durationMs: 1000,
      cases: [],
      rates: { blocking: rates, monitoring: empty, backlog: empty },
      totals: { runs: 0, errors: 0, latencyMsP50: 0, latencyMsP95: 0, tokens: { prompt: 0, completion: 0 } },
    },
  };
}
