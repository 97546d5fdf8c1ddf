import { safeParseEvalRecordText, type EvalRecord } from '@promptpack/spec';

/** What the changelog says about a version's evals. */
export type EvalNotes =
  | {
      kind: 'recorded';
      record: EvalRecord;
      /** The previous release's record, when it has one. */
      baseline?: { version: string; record: EvalRecord };
    }
  | { kind: 'not-run'; why: 'missing' | 'invalid' | 'other-content' | 'gate-failed'; recordVersion?: string; problem?: string; override?: string };

/**
 * An eval record's text (`prompts/<id>/eval-result.json`) through
 * @promptpack/spec's one reader: undefined when absent, the spec's
 * `SpecificationError` summary when it is not a valid record.
 */
export function readEvalRecord(text: string | undefined): { record: EvalRecord } | { problem: string } | undefined {
  if (text === undefined) return undefined;
  const parsed = safeParseEvalRecordText(text);
  return parsed.success ? { record: parsed.data } : { problem: parsed.error.summary };
}

/** One line: the blocking hard-pass rate, pass rate, cases, provider/model and the delta against the previous release. */
export function formatEvalNotes(notes: EvalNotes): string {
  if (notes.kind === 'not-run') {
    const why =
      notes.why === 'invalid'
        ? `eval-result.json is unreadable: ${notes.problem ?? 'not an eval record'}`
        : notes.why === 'other-content'
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
