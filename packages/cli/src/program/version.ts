import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = '@promptpack/cli';

/**
 * The version in @promptpack/cli's own package.json, read when asked: the
 * same file npm installed, whether this code runs from dist/ (published) or
 * src/ (tests), so `--version` never disagrees with `npm ls`.
 */
export function cliVersion(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === packageName && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or not ours): keep walking up.
    }
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the package.json of ${packageName} above ${from}; the installation is broken, reinstall ${packageName}.`);
  }
}
