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

// The low byte of code unit `index` of prefix + key, read without building that string.
function byteAt(prefix: string, key: string, index: number): number {
  return (index < prefix.length ? prefix.charCodeAt(index) : key.charCodeAt(index - prefix.length)) & 0xff;
}

/**
 * The unsigned 32-bit hash of `prefix + key` with `seed`, as unleash-client
 * computes it. The SDK hashes `${groupId}:${userId}`; taking the two parts
 * apart spares every request the joined string (an allocation, and a
 * flattening when V8 makes it a rope).
 */
export function murmurHash(prefix: string, key: string, seed: number): number {
  const length = prefix.length + key.length;
  const tail = length & 3;
  const bodyEnd = length - tail;
  let h = seed | 0;
  let i = 0;
  for (; i < bodyEnd; i += 4) {
    const k = byteAt(prefix, key, i) | (byteAt(prefix, key, i + 1) << 8) | (byteAt(prefix, key, i + 2) << 16) | (byteAt(prefix, key, i + 3) << 24);
    h ^= mixKey(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  if (tail === 3) k ^= byteAt(prefix, key, i + 2) << 16;
  if (tail >= 2) k ^= byteAt(prefix, key, i + 1) << 8;
  if (tail >= 1) {
    k ^= byteAt(prefix, key, i);
    h ^= mixKey(k);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
