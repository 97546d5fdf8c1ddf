import { createHash } from 'node:crypto';

/** Hex sha256 of UTF-8 text, prefixed `sha256:` so the algorithm travels with the value. Structured data: hash `canonicalJson` from @promptpack/spec. */
export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
