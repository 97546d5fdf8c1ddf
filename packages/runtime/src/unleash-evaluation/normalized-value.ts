import { murmurHash } from './murmur-hash.js';

// The seeds are part of Unleash's contract: every SDK buckets a user the same
// way, so a user keeps their variant when a service moves between SDKs.
const strategySeed = 0;
const variantSeed = 86028157;

/** A user's place in a percentage rollout: 1..100. */
export function strategyBucket(id: string, groupId: string): number {
  return (murmurHash(`${groupId}:${id}`, strategySeed) % 100) + 1;
}

/** A user's place among variants whose weights add up to `total`: 1..total. */
export function variantBucket(id: string, groupId: string, total: number): number {
  return (murmurHash(`${groupId}:${id}`, variantSeed) % total) + 1;
}
