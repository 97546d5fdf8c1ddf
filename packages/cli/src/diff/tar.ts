import { gunzipSync } from 'node:zlib';

/**
 * The regular files of a gzipped tar archive (an npm tarball), by path.
 * Reads ustar and pax headers, which is what npm and pnpm write; links,
 * folders and other entries are skipped.
 */
export function readTarball(gzipped: Uint8Array): Map<string, Buffer> {
  const archive = gunzipSync(gzipped);
  const files = new Map<string, Buffer>();
  let offset = 0;
  let paxPath: string | undefined;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    // Two zero blocks end the archive; one is enough to stop.
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const body = archive.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = paxRecords(body).get('path');
      continue;
    }
    if (type === 'g' || type === 'L') continue;
    const prefix = text(header.subarray(345, 500));
    const name = paxPath ?? (prefix ? `${prefix}/${text(header.subarray(0, 100))}` : text(header.subarray(0, 100)));
    paxPath = undefined;
    if (type === '0' || type === '\0') files.set(name, Buffer.from(body));
  }
  return files;
}

function text(field: Uint8Array): string {
  const end = field.indexOf(0);
  return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString('utf8');
}

function octal(field: Uint8Array): number {
  const value = text(field).trim();
  return value === '' ? 0 : Number.parseInt(value, 8);
}

/** pax extended header: records of `<length> <key>=<value>\n`. */
function paxRecords(body: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const content = Buffer.from(body).toString('utf8');
  for (const line of content.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/.exec(line);
    if (match) records.set(match[1]!, match[2]!);
  }
  return records;
}
