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

/** The text of `policy.lock`: pretty-printed JSON with a final newline, keys in a fixed order. */
export function formatPolicyLock(lock: PolicyLock): string {
  const ordered: PolicyLock = { specificationVersion: lock.specificationVersion, sha256: lock.sha256, approvedBy: lock.approvedBy, approvedAt: lock.approvedAt };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
