// The release's eval gate: a prompt version is published only with a passing
// eval record (prompts/<id>/eval-result.json, written by
// `promptpack eval <id> --gate`) for exactly the content being published, or
// with an explicit override that is announced and recorded in the release tag.
// Pure decisions here; eval-records.ts reads the files, the release applies them.
import { evalRecordFile, safeParseEvalRecordText, type EvalRecord } from '@promptpack/spec';
import type { PromptPackage } from './prompt-packages.js';
import { tagName } from './prompt-packages.js';

export { evalRecordFile };

/**
 * What the gate needs from dist/manifest.json (`contentHash`, and
 * `hashes.evals` as the record names it): contentHash leaves the evals out,
 * so a record must also match the cases.
 */
export type BuiltIdentity = Pick<EvalRecord['prompt'], 'contentHash' | 'evalsHash'>;

/** An explicit decision to publish without a passing record: why, who and when. */
export interface EvalOverride {
  reason: string;
  by: string;
  at: string;
}

export type EvalGateDecision =
  | { pkg: PromptPackage; verdict: 'passed'; record: EvalRecord }
  | { pkg: PromptPackage; verdict: 'refused'; problem: string; hint: string }
  | { pkg: PromptPackage; verdict: 'overridden'; problem: string; override: EvalOverride };

/** The record file as read from disk; `found` carries its text, which only @promptpack/spec's reader interprets. */
export type RecordRead = { kind: 'missing' } | { kind: 'unreadable'; reason: string } | { kind: 'found'; text: string };

/**
 * Passed when the record is for this content (contentHash and evalsHash of
 * the built manifest) and its gate passed; otherwise refused, or overridden
 * when the release was given an override. A record for other content never
 * counts: evals passed by 1.4.0 say nothing about 1.5.0.
 */
export function decideEvalGate(pkg: PromptPackage, read: RecordRead, built: BuiltIdentity | undefined, override?: EvalOverride): EvalGateDecision {
  const checked = checkRecord(pkg, read, built);
  if ('record' in checked) return { pkg, verdict: 'passed', record: checked.record };
  const { problem } = checked;
  if (override) return { pkg, verdict: 'overridden', problem, override };
  const id = pkg.folder;
  return {
    pkg,
    verdict: 'refused',
    problem,
    hint: `run \`promptpack eval ${id} --gate\` (a model, or --provider replay with committed recordings), commit ${pkg.relativeDir}/${evalRecordFile}, and release again; or publish anyway with \`promptpack release --skip-evals --reason "<why>"\` (recorded in the release tag)`,
  };
}

function checkRecord(pkg: PromptPackage, read: RecordRead, built: BuiltIdentity | undefined): { record: EvalRecord } | { problem: string } {
  const file = `${pkg.relativeDir}/${evalRecordFile}`;
  if (read.kind === 'missing') return { problem: `no eval record (${file} does not exist)` };
  if (read.kind === 'unreadable') return { problem: `${file} cannot be read: ${read.reason}` };
  if (!built) return { problem: 'the built manifest (dist/manifest.json) is missing or not a valid prompt manifest, so the record cannot be matched to the content' };
  const parsed = safeParseEvalRecordText(read.text);
  if (!parsed.success) return { problem: `${file}: ${parsed.error.summary.replace(/\.$/, '')}` };
  const record = parsed.data;
  if (record.prompt.contentHash !== built.contentHash) {
    return { problem: `${file} was recorded for other content (contentHash ${short(record.prompt.contentHash)}, version ${record.prompt.version}); the prompt being published is ${short(built.contentHash)}` };
  }
  if (record.prompt.evalsHash !== built.evalsHash) {
    return { problem: `${file} was recorded before evals.yaml last changed (evals hash ${short(record.prompt.evalsHash)}, now ${short(built.evalsHash)})` };
  }
  if (!record.gate.passed) return { problem: `${file} records a failed gate: ${record.gate.reasons.join('; ')}` };
  return { record };
}

function short(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

export function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)}%`;
}

/** One line per decision, for the release log. */
export function formatEvalGate(decisions: readonly EvalGateDecision[]): string {
  return decisions
    .map((decision) => {
      const name = tagName(decision.pkg);
      if (decision.verdict === 'passed') {
        const { summary, provider, model } = decision.record;
        return `  passed             ${name} (blocking hard-pass ${percent(summary.blocking.hardPassRate)}, pass ${percent(summary.blocking.passRate)}, ${summary.cases} cases, ${provider}/${model})`;
      }
      if (decision.verdict === 'refused') return `  REFUSED            ${name}: ${decision.problem}\n                     hint: ${decision.hint}`;
      return `  OVERRIDDEN         ${name}: ${decision.problem}`;
    })
    .join('\n');
}

/** The loud part: printed to stderr before publishing and repeated in the summary. */
export function formatOverrideWarning(decisions: readonly EvalGateDecision[]): string | undefined {
  const overridden = decisions.filter((decision) => decision.verdict === 'overridden');
  if (overridden.length === 0) return undefined;
  const first = overridden[0] as Extract<EvalGateDecision, { verdict: 'overridden' }>;
  const bar = '!'.repeat(78);
  return [
    bar,
    `!! EVAL GATE OVERRIDDEN with --skip-evals: ${overridden.length} prompt version${overridden.length === 1 ? '' : 's'} published without a passing eval record`,
    ...overridden.map((decision) => `!!   ${tagName(decision.pkg)}`),
    `!! reason: ${first.override.reason}`,
    `!! by:     ${first.override.by}`,
    `!! at:     ${first.override.at}`,
    '!! The override is written into each release tag annotation (git show <tag>).',
    bar,
  ].join('\n');
}

/**
 * The annotation of a release tag: the eval verdict travels with the version
 * (and `git push --follow-tags` publishes it), so an override can always be
 * traced to a reason, a person and a time.
 */
export function tagAnnotation(pkg: PromptPackage, decision: EvalGateDecision | undefined): string {
  const lines = [tagName(pkg), ''];
  if (decision?.verdict === 'passed') {
    const { summary, provider, model, prompt, recordedAt } = decision.record;
    lines.push(
      `evals: passed (blocking hard-pass ${percent(summary.blocking.hardPassRate)}, pass ${percent(summary.blocking.passRate)}, ${summary.cases} cases, ${provider}/${model}, recorded ${recordedAt})`,
      `contentHash: ${prompt.contentHash}`,
    );
  } else if (decision?.verdict === 'overridden') {
    lines.push(
      'evals: GATE OVERRIDDEN (--skip-evals)',
      `reason: ${decision.override.reason}`,
      `by: ${decision.override.by}`,
      `at: ${decision.override.at}`,
      `gate would have refused: ${decision.problem}`,
    );
  } else if (decision?.verdict === 'refused') {
    // Only an already-published version gets here (a re-run tagging what an earlier run published).
    lines.push(`evals: no passing record when tagged (${decision.problem})`);
  } else {
    lines.push('evals: not checked by this release run');
  }
  return `${lines.join('\n')}\n`;
}

/** `--skip-evals` needs a reason a reviewer can act on, not an empty string. */
export function isOverrideReason(reason: string): boolean {
  return reason.trim().length >= 3;
}
