// How a release plan and its outcome are said, to a person (text) and to a
// program (--json).
import type { EvalGateDecision } from './eval-gate.js';
import type { Outcome, PlanEntry, TagResult } from './plan.js';
import { tagName } from './prompt-packages.js';

export function formatPlan(plan: readonly PlanEntry[]): string {
  const label: Record<PlanEntry['action'], string> = {
    publish: 'to publish',
    'already-published': 'already published',
    conflict: 'CONFLICT',
    unreachable: 'UNKNOWN',
  };
  return plan
    .map((entry) => {
      const detail =
        entry.action === 'conflict'
          ? ` (the registry has another prompt under this version: shasum ${entry.remoteShasum.slice(0, 12)}, ours ${entry.localShasum.slice(0, 12)}, and the manifests' contentHash differ)`
          : entry.action === 'unreachable'
            ? ` (${entry.reason})`
            : '';
      return `  ${label[entry.action].padEnd(18)} ${tagName(entry.pkg)}${detail}`;
    })
    .join('\n');
}

export function formatSummary(outcomes: readonly Outcome[], options: { pushed: string }): { text: string; ok: boolean } {
  const lines: string[] = [];
  const published = outcomes.filter((o) => o.result === 'published');
  const already = outcomes.filter((o) => o.result === 'already-published');
  const failed = outcomes.filter((o) => o.result === 'failed');
  const tagNote = (tag: TagResult) => (tag === 'created' ? 'tagged' : tag === 'existed' ? 'tag existed' : 'not tagged');
  lines.push(`published:         ${published.length}`);
  for (const o of published) {
    const note = o.confirmedBy === 'publish-response' ? ', confirmed by the publish response only (registry unreachable afterwards)' : '';
    lines.push(`  ${tagName(o.pkg)} (${tagNote(o.tag)}${note})`);
  }
  lines.push(`already published: ${already.length}`);
  for (const o of already) lines.push(`  ${tagName(o.pkg)} (${tagNote(o.tag)})`);
  lines.push(`failed:            ${failed.length}`);
  for (const o of failed) lines.push(`  ${tagName(o.pkg)}: ${o.reason}`);
  lines.push(`git push:          ${options.pushed}`);
  const ok = failed.length === 0;
  if (!ok) {
    const conflict = failed.some((o) => o.reason.includes('other contents'));
    lines.push('');
    lines.push('Release incomplete: nothing was published twice and no tag names an unpublished version.');
    lines.push('What to do: fix the cause above (registry down, permissions) and re-run `promptpack release`;');
    lines.push('  it publishes only what is missing and tags what is confirmed on the registry.');
    if (conflict) {
      lines.push('  A version that already holds other contents can never be overwritten: bump it with a changeset');
      lines.push('  (`changeset`, then `changeset version`) and release the new version.');
    }
    if (failed.some((o) => o.reason.startsWith('eval gate:'))) {
      lines.push('  A prompt refused by the eval gate needs a passing record: `promptpack eval <id> --gate`, commit');
      lines.push('  its eval-result.json; or publish it anyway with `promptpack release --skip-evals --reason "<why>"`.');
    }
  }
  return { text: lines.join('\n'), ok };
}

/** The plan as data: `promptpack release --dry-run --json`. */
export interface ReleasePlanJson {
  specificationVersion: 'promptpack.release-plan/v1';
  registry: string;
  packages: Array<{
    name: string;
    version: string;
    dir: string;
    action: PlanEntry['action'];
    detail?: string;
    evalGate?: { verdict: EvalGateDecision['verdict']; problem?: string; hint?: string; override?: { reason: string; by: string; at: string } };
  }>;
}

export function planJson(plan: readonly PlanEntry[], gate: ReadonlyMap<string, EvalGateDecision>, registry: string): ReleasePlanJson {
  return {
    specificationVersion: 'promptpack.release-plan/v1',
    registry,
    packages: plan.map((entry) => {
      const decision = entry.action === 'publish' ? gate.get(entry.pkg.name) : undefined;
      const detail =
        entry.action === 'conflict' ? `registry shasum ${entry.remoteShasum}, ours ${entry.localShasum}` : entry.action === 'unreachable' ? entry.reason : undefined;
      return {
        name: entry.pkg.name,
        version: entry.pkg.version,
        dir: entry.pkg.relativeDir,
        action: entry.action,
        ...(detail === undefined ? {} : { detail }),
        ...(decision === undefined
          ? {}
          : {
              evalGate: {
                verdict: decision.verdict,
                ...(decision.verdict === 'passed' ? {} : { problem: decision.problem }),
                ...(decision.verdict === 'refused' ? { hint: decision.hint } : {}),
                ...(decision.verdict === 'overridden' ? { override: decision.override } : {}),
              },
            }),
      };
    }),
  };
}
