// Writes tar archives byte by byte, so tests control what npm's own tools
// would never produce: a stray top-level file, a GNU long-name entry.
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  path: string;
  content: string | Buffer;
  /** 'gnu-long-name' writes a `././@LongLink` (type L) entry before the file, as GNU tar does for paths over 100 bytes. */
  style?: 'ustar' | 'gnu-long-name';
}

export function gzipTar(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    if (entry.style === 'gnu-long-name') {
      const name = Buffer.from(`${entry.path}\0`);
      blocks.push(header('././@LongLink', name.length, 'L'), pad(name));
      blocks.push(header(entry.path.slice(0, 99), content.length, '0'), pad(content));
    } else {
      blocks.push(header(entry.path, content.length, '0'), pad(content));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function header(name: string, size: number, type: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write(`${(0).toString(8).padStart(11, '0')}\0`, 136);
  block.write(type, 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  // The checksum is computed with its own field as spaces.
  block.write('        ', 148);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function pad(content: Buffer): Buffer {
  return Buffer.concat([content, Buffer.alloc((512 - (content.length % 512)) % 512)]);
}
