import { evalRecordVersion, type EvalRecord, type TierSummary } from '@promptpack/spec';

/**
 * The fields of an eval record (`prompts/<id>/eval-result.json`, written by
 * `promptpack eval --gate`) the changelog reads: a view of @promptpack/spec's
 * `EvalRecord`, so the two cannot drift apart.
 */
export interface EvalRecordSummary extends Pick<EvalRecord, 'specificationVersion' | 'provider' | 'model'> {
  prompt: Pick<EvalRecord['prompt'], 'version' | 'contentHash' | 'evalsHash'>;
  gate: Pick<EvalRecord['gate'], 'passed'>;
  summary: Pick<EvalRecord['summary'], 'cases' | 'repeats'> & { blocking: Pick<TierSummary, 'count' | 'hardPass' | 'hardPassRate' | 'passRate'> };
}

/** What the changelog says about a version's evals. */
export type EvalNotes =
  | {
      kind: 'recorded';
      record: EvalRecordSummary;
      /** The previous release's record, when it has one. */
      baseline?: { version: string; record: EvalRecordSummary };
    }
  | { kind: 'not-run'; why: 'missing' | 'other-content' | 'gate-failed'; recordVersion?: string; override?: string };

export function parseEvalRecord(text: string | undefined): EvalRecordSummary | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<EvalRecordSummary>;
    if (value.specificationVersion !== evalRecordVersion || !value.prompt || !value.summary?.blocking || !value.gate) return undefined;
    return value as EvalRecordSummary;
  } catch {
    return undefined;
  }
}

/** One line: the blocking hard-pass rate, pass rate, cases, provider/model and the delta against the previous release. */
export function formatEvalNotes(notes: EvalNotes): string {
  if (notes.kind === 'not-run') {
    const why =
      notes.why === 'other-content'
        ? `eval-result.json is for other content${notes.recordVersion ? ` (recorded at ${notes.recordVersion})` : ''}`
        : notes.why === 'gate-failed'
          ? 'eval-result.json records a failed gate'
          : 'no eval-result.json';
    return notes.override !== undefined ? `Evals: not run (override: ${notes.override})` : `Evals: not run (${why}; \`promptpack release\` requires a passing \`promptpack eval --gate\`, or \`--skip-evals --reason <why>\`)`;
  }
  const { record, baseline } = notes;
  const blocking = record.summary.blocking;
  const parts = [
    `Evals: blocking hard-pass ${percent(blocking.hardPassRate)} (${blocking.hardPass}/${blocking.count})`,
    `pass ${percent(blocking.passRate)}`,
    `${record.summary.cases} cases × ${record.summary.repeats}`,
    `${record.provider}/${record.model}`,
  ];
  let line = parts.join(', ');
  if (baseline) {
    const before = baseline.record.summary.blocking;
    line += ` — vs ${baseline.version}: hard-pass ${points(blocking.hardPassRate - before.hardPassRate)}, pass ${points(blocking.passRate - before.passRate)}`;
  }
  return line;
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

function points(delta: number): string {
  const value = Number((delta * 100).toFixed(1));
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)} pts`;
}
