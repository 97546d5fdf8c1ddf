// The shape of policy.lock on its own, without the loader's types: LoadedPrompt
// holds a PolicyLock, so the lock's reading code (which needs LoadedPrompt)
// cannot be where the shape lives without an import cycle.

export const policyLockSpecificationVersion = 'promptpack.policy-lock/v1';

/**
 * `policy.lock`: legal's approval of one exact policy. `sha256` is the hash
 * of the effective policy (policy.md with its shared sections inlined), so
 * a change to a shared section needs a new approval in every prompt that
 * includes it.
 */
export interface PolicyLock {
  specificationVersion: typeof policyLockSpecificationVersion;
  /** `sha256:<64 hex>` of the approved effective policy. */
  sha256: string;
  /** Who approved it: a name or an email address. */
  approvedBy: string;
  /** When, as an ISO 8601 UTC timestamp (`2026-11-21T09:30:00Z`). */
  approvedAt: string;
}
