import type { FlagDecision } from './flag-source.js';

/** Why a request got the version it got; services log and count these. */
export type ResolutionReason =
  | 'flag-variant'
  | 'flag-disabled'
  | 'flag-missing'
  | 'flag-no-variant'
  | 'unknown-version'
  | 'source-not-ready'
  | 'source-error';

export interface Resolution {
  version: string;
  variant: string | undefined;
  reason: ResolutionReason;
  /** For reasons other than flag-variant: what was wrong, for the warning event. */
  detail?: string;
}

/**
 * Maps a flag decision onto the installed versions. Pure and total: every
 * decision yields a version, falling back to stable, so a request never
 * fails because of a flag.
 */
export function resolveVersion(decision: FlagDecision, stable: string, installed: ReadonlySet<string>): Resolution {
  switch (decision.status) {
    case 'variant': {
      // A payload naming a version wins; otherwise the variant's name is the version.
      const wanted = decision.version ?? decision.variant;
      if (installed.has(wanted)) return { version: wanted, variant: decision.variant, reason: 'flag-variant' };
      return {
        version: stable,
        variant: decision.variant,
        reason: 'unknown-version',
        detail: `variant "${decision.variant}" names version "${wanted}", which is not installed (installed: ${[...installed].join(', ')})`,
      };
    }
    case 'no-variant':
      return { version: stable, variant: undefined, reason: 'flag-no-variant' };
    case 'disabled':
      return { version: stable, variant: undefined, reason: 'flag-disabled' };
    case 'missing':
      return { version: stable, variant: undefined, reason: 'flag-missing', detail: 'the flag does not exist in the flag source' };
    case 'not-ready':
      return { version: stable, variant: undefined, reason: 'source-not-ready', detail: 'the flag source has no data yet' };
    case 'error':
      return { version: stable, variant: undefined, reason: 'source-error', detail: decision.message };
  }
}

/**
 * resolveVersion for one prompt, remembering its answer to each frozen
 * decision: flag sources hand out one frozen decision per flag answer
 * (features-decision.ts), so a request that gets the usual answer allocates
 * no resolution. Only answers without a detail are remembered: the others
 * feed a warning and are rare.
 */
export function versionResolver(stable: string, installed: ReadonlySet<string>): (decision: FlagDecision) => Resolution {
  const remembered = new WeakMap<FlagDecision, Resolution>();
  return (decision) => {
    const known = remembered.get(decision);
    if (known) return known;
    const resolution = resolveVersion(decision, stable, installed);
    if (resolution.detail === undefined && Object.isFrozen(decision)) remembered.set(decision, Object.freeze(resolution));
    return resolution;
  };
}
