// The files npm installs from a package tarball, read with node-tar (npm's
// own tar reader: pax and GNU long names, checksummed headers). npm unpacks
// the `package/` folder; anything beside it is not what a consumer gets, so
// it is not what a reviewer is shown.
import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { ReleaseError } from '../release-error.js';
import { tooLarge } from './download-tarball.js';

const root = 'package/';

/** Regular files under `package/`, by path with that prefix removed (`policy.md`, `dist/manifest.json`). */
export async function readPackageFiles(gzipped: Uint8Array, what: string, maxInflatedBytes: number): Promise<Map<string, Buffer>> {
  const archive = inflate(gzipped, what, maxInflatedBytes);
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        if (!isInstalled(entry)) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        // A later entry with the same path replaces an earlier one, as it does when npm unpacks.
        entry.on('end', () => files.set(entry.path.slice(root.length), Buffer.concat(chunks)));
      },
    });
    parser.on('warn', (_code: string, message: string) => problems.push(message));
    parser.on('error', reject);
    parser.on('end', resolve);
    parser.end(archive);
  }).catch((error: unknown) => {
    throw invalid(what, (error as Error).message);
  });
  if (problems.length > 0) throw invalid(what, problems.join('; '));
  return files;
}

function isInstalled(entry: ReadEntry): boolean {
  const isFile = entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile';
  return isFile && entry.path.startsWith(root) && !entry.path.split('/').includes('..');
}

function inflate(gzipped: Uint8Array, what: string, maxInflatedBytes: number): Buffer {
  try {
    // maxOutputLength stops zlib itself: memory never exceeds the limit.
    return gunzipSync(gzipped, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw tooLarge(what, 'once inflated', `it inflates past ${maxInflatedBytes} bytes: a gzip bomb, or not a prompt package`, maxInflatedBytes);
    }
    throw invalid(what, `not gzip data (${(error as Error).message})`);
  }
}

function invalid(what: string, reason: string): ReleaseError {
  return new ReleaseError('registry/invalid-tarball', `The tarball of ${what} is not a valid npm package archive: ${reason}.`, {
    hint: 'Its integrity matched, so this is what was published: republish the version with npm publish, or compare other versions.',
  });
}
