// Pure release decisions: what to publish and what each package ended as.
// No I/O here, so the rules are tested without a registry (format-release.ts
// says them; assemble-release-plan.ts and apply-release-plan.ts do the I/O).
import type { PromptPackage } from './prompt-packages.js';

/** What the registry holds for one package version. */
export type VersionState = { kind: 'absent' } | { kind: 'present'; shasum: string } | { kind: 'unreachable'; reason: string };

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
