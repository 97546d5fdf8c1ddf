import { murmurHash } from './murmur-hash.js';

// The seeds are part of Unleash's contract: every SDK buckets a user the same
// way, so a user keeps their variant when a service moves between SDKs.
const strategySeed = 0;
const variantSeed = 86028157;

/** The part of the hashed text before the id: `${groupId}:`, made once per strategy or flag rather than per request. */
export function bucketPrefix(groupId: string): string {
  return `${groupId}:`;
}

/** A user's place in a percentage rollout: 1..100. `prefix` is bucketPrefix(groupId). */
export function strategyBucket(id: string, prefix: string): number {
  return (murmurHash(prefix, id, strategySeed) % 100) + 1;
}

/** A user's place among variants whose weights add up to `total`: 1..total. `prefix` is bucketPrefix(groupId). */
export function variantBucket(id: string, prefix: string, total: number): number {
  return (murmurHash(prefix, id, variantSeed) % total) + 1;
}
