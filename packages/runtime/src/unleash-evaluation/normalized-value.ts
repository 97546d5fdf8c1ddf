import { hashPrefix, murmurHash, type HashPrefix } from './murmur-hash.js';

// The seeds are part of Unleash's contract: every SDK buckets a user the same
// way, so a user keeps their variant when a service moves between SDKs.
const strategySeed = 0;
const variantSeed = 86028157;

/** `${groupId}:` hashed once per strategy or flag, for each seed, rather than per request. */
export interface BucketPrefix {
  readonly strategy: HashPrefix;
  readonly variant: HashPrefix;
}

export function bucketPrefix(groupId: string): BucketPrefix {
  const text = `${groupId}:`;
  return { strategy: hashPrefix(text, strategySeed), variant: hashPrefix(text, variantSeed) };
}

/** A user's place in a percentage rollout: 1..100. */
export function strategyBucket(id: string, prefix: BucketPrefix): number {
  return (murmurHash(prefix.strategy, id) % 100) + 1;
}

/** A user's place among variants whose weights add up to `total`: 1..total. */
export function variantBucket(id: string, prefix: BucketPrefix, total: number): number {
  return (murmurHash(prefix.variant, id) % total) + 1;
}
