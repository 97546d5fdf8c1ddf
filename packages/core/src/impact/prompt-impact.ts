import type { Bump, PartChange } from '@promptpack/spec';

/**
 * What a change to a prompt means for its version. Produced by comparing two
 * snapshots of one prompt (before/after), part by part; consumed by
 * `promptpack check`, the changelog module and `promptpack diff`.
 */
export interface PromptImpact {
  id: string;
  /** The largest bump any change requires; 'none' when nothing changed. */
  bump: Bump;
  changes: PartChange[];
  /** True when the prompt did not exist before (a first release). */
  added: boolean;
}

const order: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

export function maxBump(...bumps: readonly Bump[]): Bump {
  return bumps.reduce<Bump>((max, bump) => (order.indexOf(bump) > order.indexOf(max) ? bump : max), 'none');
}

/** True when `declared` covers `required` (a minor covers a patch). */
export function bumpCovers(declared: Bump, required: Bump): boolean {
  return order.indexOf(declared) >= order.indexOf(required);
}
