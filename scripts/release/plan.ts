// Pure release decisions: what to publish, what each package ended as, and
// how to say it. No I/O here, so the rules are tested without a registry.
import type { PromptPackage } from './prompt-packages.js';
import { tagName } from './prompt-packages.js';
import type { VersionState } from './registry-state.js';

export type PlanEntry =
  | { pkg: PromptPackage; action: 'publish' }
  | { pkg: PromptPackage; action: 'already-published' }
  | { pkg: PromptPackage; action: 'conflict'; remoteShasum: string; localShasum: string }
  | { pkg: PromptPackage; action: 'unreachable'; reason: string };

/** Local and published identity of a version that is already on the registry. */
export interface Identity {
  localShasum: string;
  /** Only read when the shasums differ: the same prompt built by another promptpack version. */
  localContentHash?: string;
  remoteContentHash?: string;
}

/**
 * A version on the registry is "already published" when its tarball is ours
 * byte for byte, or when its manifest names the same prompt content (same
 * contentHash); anything else under the same version is a conflict.
 */
export function planRelease(
  packages: readonly PromptPackage[],
  states: ReadonlyMap<string, VersionState>,
  identities: ReadonlyMap<string, Identity>,
): PlanEntry[] {
  return packages.map((pkg): PlanEntry => {
    const state = states.get(pkg.name);
    if (!state || state.kind === 'unreachable') return { pkg, action: 'unreachable', reason: state?.reason ?? 'not queried' };
    if (state.kind === 'absent') return { pkg, action: 'publish' };
    const identity = identities.get(pkg.name);
    if (!identity || identity.localShasum === state.shasum) return { pkg, action: 'already-published' };
    if (identity.localContentHash !== undefined && identity.localContentHash === identity.remoteContentHash) return { pkg, action: 'already-published' };
    return { pkg, action: 'conflict', remoteShasum: state.shasum, localShasum: identity.localShasum };
  });
}

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

export type Outcome =
  | { pkg: PromptPackage; result: 'published'; tag: TagResult; confirmedBy: 'registry' | 'publish-response' }
  | { pkg: PromptPackage; result: 'already-published'; tag: TagResult }
  | { pkg: PromptPackage; result: 'failed'; reason: string };

export type TagResult = 'created' | 'existed' | 'skipped';

export interface PublishReport {
  /** Packages `changeset publish` reported as published (npm got a 2xx for the PUT). */
  reportedPublished: ReadonlySet<string>;
  /** Error text per package from the publish output. */
  errors: ReadonlyMap<string, string>;
}

/**
 * The fate of a package that was to be published, from what the registry
 * holds afterwards. A version is confirmed by the registry's packument; when
 * the registry cannot be asked any more (it went down right after the
 * publish), the 2xx it gave to the publish request is the confirmation.
 */
export function publishedOrFailed(
  pkg: PromptPackage,
  after: VersionState,
  localShasum: string | undefined,
  report: PublishReport,
): { result: 'published'; confirmedBy: 'registry' | 'publish-response' } | { result: 'failed'; reason: string } {
  if (after.kind === 'present') {
    if (localShasum !== undefined && after.shasum !== localShasum) {
      return { result: 'failed', reason: `the registry holds other contents under ${pkg.version} (shasum ${after.shasum.slice(0, 12)}, ours ${localShasum.slice(0, 12)})` };
    }
    return { result: 'published', confirmedBy: 'registry' };
  }
  if (after.kind === 'unreachable' && report.reportedPublished.has(pkg.name)) {
    return { result: 'published', confirmedBy: 'publish-response' };
  }
  const why = report.errors.get(pkg.name) ?? (after.kind === 'unreachable' ? `registry unreachable (${after.reason})` : 'not on the registry after publishing');
  return { result: 'failed', reason: why };
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
    lines.push('What to do: fix the cause above (registry down, permissions) and re-run `pnpm release`;');
    lines.push('  it publishes only what is missing and tags what is confirmed on the registry.');
    if (conflict) {
      lines.push('  A version that already holds other contents can never be overwritten: bump it with a changeset');
      lines.push('  (`pnpm changeset`, `pnpm changeset version`) and release the new version.');
    }
    if (failed.some((o) => o.reason.startsWith('eval gate:'))) {
      lines.push('  A prompt refused by the eval gate needs a passing record: `promptpack eval <id> --gate`, commit');
      lines.push('  prompts/<id>/eval-result.json; or publish it anyway with `pnpm release --skip-evals "<why>"`.');
    }
  }
  return { text: lines.join('\n'), ok };
}
