export type DecodeResult = { text: string } | { message: string; hint: string; line: number; column: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes -> text, refusing anything that is not UTF-8 instead of replacing it
 * with U+FFFD (which would be shipped to the model and approved by legal as
 * if it were the text). UTF-16, which some Windows editors write, is named
 * as such. Line and column locate the first bad byte (column in characters
 * of the valid text before it).
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      message: 'The file is UTF-16 (it starts with a UTF-16 byte-order mark); promptpack reads UTF-8 only.',
      hint: 'Save it as UTF-8 (in VS Code: "Save with Encoding" > UTF-8; or `iconv -f UTF-16 -t UTF-8`).',
      line: 1,
      column: 1,
    };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const offset = validPrefixLength(bytes);
    // Streaming decode leaves an incomplete last character out of `before`, so the column points at it.
    const before = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, offset), { stream: true });
    const lines = before.split('\n');
    const what =
      offset < bytes.length
        ? `byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at offset ${offset} does not start or continue a UTF-8 character`
        : 'it ends in the middle of a character';
    return {
      message: `The file is not valid UTF-8: ${what}.`,
      hint: 'Save the file as UTF-8 (it was probably written as Latin-1 or Windows-1252), or retype the character at this position.',
      line: lines.length,
      column: lines.at(-1)!.length + 1,
    };
  }
}

/**
 * The longest prefix the decoder accepts as the start of a UTF-8 stream
 * (an incomplete last character allowed). Every prefix of a valid prefix is
 * valid, so a binary search finds it with the platform's decoder instead of
 * a hand-written UTF-8 table.
 */
function validPrefixLength(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}
