import { parsePackageIdentity, type Diagnostic, type PackageIdentity } from '@promptpack/spec';
import { readSourceFile } from '../files/read-source-file.js';

export type PackageIdentityResult = { identity: PackageIdentity; diagnostic?: undefined } | { identity?: undefined; diagnostic: Diagnostic } | { identity?: undefined; diagnostic?: undefined };

/**
 * The name and version of the package.json at `file`, read as every prompt
 * file is (a link, a device, an oversized or non-UTF-8 file is refused with
 * a located diagnostic) and parsed by spec's `parsePackageIdentity`.
 * Neither field is validated here: `loadPrompt` does that with the full
 * check; this is what a command reads to find tags and releases. A missing
 * file gives neither identity nor diagnostic.
 */
export function readPackageIdentity(file: string, shown: string = file): PackageIdentityResult {
  const read = readSourceFile(file, shown);
  if (read.diagnostic) return { diagnostic: read.diagnostic };
  if (read.text === undefined) return {};
  return parsePackageIdentity(read.text, shown);
}
