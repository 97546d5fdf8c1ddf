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

/** The unsigned 32-bit hash of `key` with `seed`, as unleash-client computes it. */
export function murmurHash(key: string, seed: number): number {
  const length = key.length;
  const tail = length & 3;
  const bodyEnd = length - tail;
  let h = seed | 0;
  let i = 0;
  for (; i < bodyEnd; i += 4) {
    const k =
      (key.charCodeAt(i) & 0xff) |
      ((key.charCodeAt(i + 1) & 0xff) << 8) |
      ((key.charCodeAt(i + 2) & 0xff) << 16) |
      ((key.charCodeAt(i + 3) & 0xff) << 24);
    h ^= mixKey(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  if (tail === 3) k ^= (key.charCodeAt(i + 2) & 0xff) << 16;
  if (tail >= 2) k ^= (key.charCodeAt(i + 1) & 0xff) << 8;
  if (tail >= 1) {
    k ^= key.charCodeAt(i) & 0xff;
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
