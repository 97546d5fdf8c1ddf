// MurmurHash3 (x86, 32-bit), the hash every Unleash SDK uses to place a user
// in a rollout percentage or a variant bucket. Two quirks are deliberate: the
// Node SDK hashes the low byte of each UTF-16 code unit and mixes in the
// UTF-16 length, so a non-ASCII id lands in the same bucket as it does there.

const c1 = 0xcc9e2d51;
const c2 = 0x1b873593;

function mixKey(k: number): number {
  k = Math.imul(k, c1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, c2);
}

function mixBlock(h: number, k: number): number {
  h ^= mixKey(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

// The low byte of code unit `index` of first + second, read without building that string.
function byteAt(first: string, second: string, index: number): number {
  return (index < first.length ? first.charCodeAt(index) : second.charCodeAt(index - first.length)) & 0xff;
}

/**
 * The hash of a fixed prefix, as far as it goes in whole 4-byte blocks: the
 * SDK hashes `${groupId}:${userId}`, and the groupId part is the same for
 * every request, so it is hashed once per strategy and each request only
 * hashes what follows (and builds no joined string).
 */
export interface HashPrefix {
  /** The hash state after the prefix's whole blocks. */
  readonly state: number;
  /** The prefix's last 0 to 3 code units, hashed with the key. */
  readonly rest: string;
  readonly length: number;
}

export function hashPrefix(prefix: string, seed: number): HashPrefix {
  const blocks = prefix.length - (prefix.length & 3);
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(h, (prefix.charCodeAt(i) & 0xff) | ((prefix.charCodeAt(i + 1) & 0xff) << 8) | ((prefix.charCodeAt(i + 2) & 0xff) << 16) | ((prefix.charCodeAt(i + 3) & 0xff) << 24));
  }
  return { state: h, rest: prefix.slice(blocks), length: prefix.length };
}

/** The unsigned 32-bit hash of `prefix + key` with the prefix's seed, as unleash-client computes it. */
export function murmurHash(prefix: HashPrefix, key: string): number {
  const { rest } = prefix;
  const remaining = rest.length + key.length;
  const tail = remaining & 3;
  const bodyEnd = remaining - tail;
  let h = prefix.state;
  let i = 0;
  for (; i < bodyEnd; i += 4) {
    h = mixBlock(h, byteAt(rest, key, i) | (byteAt(rest, key, i + 1) << 8) | (byteAt(rest, key, i + 2) << 16) | (byteAt(rest, key, i + 3) << 24));
  }
  let k = 0;
  if (tail === 3) k ^= byteAt(rest, key, i + 2) << 16;
  if (tail >= 2) k ^= byteAt(rest, key, i + 1) << 8;
  if (tail >= 1) {
    k ^= byteAt(rest, key, i);
    h ^= mixKey(k);
  }
  h ^= prefix.length + key.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
