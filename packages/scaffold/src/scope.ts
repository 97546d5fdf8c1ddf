import path from 'node:path';
import { ScaffoldError } from './scaffold-error.js';

const scopePattern = /^@[a-z0-9][a-z0-9._~-]*$/;

/** `@acme`, or a usage error that shows a right one. */
export function parseScope(value: string, flag = '--scope'): string {
  const scope = value.startsWith('@') ? value : `@${value}`;
  if (!scopePattern.test(scope)) {
    throw new ScaffoldError('scaffold/usage', `${flag} "${value}" is not an npm scope.`, {
      hint: `Use lower case letters, digits, "-", "." or "_" after the @, e.g. ${flag} @acme (packages become @acme/prompt-<id>).`,
    });
  }
  return scope;
}

/**
 * The scope a folder name suggests: `acme-prompts` -> `@acme-prompts`.
 * Undefined when nothing usable is left (a name of only symbols).
 */
export function scopeFromFolder(dir: string): string | undefined {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return name ? `@${name}` : undefined;
}

/** The scope of a package name such as `@acme/prompts`; undefined for an unscoped or missing name. */
export function scopeFromPackageName(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  const match = /^(@[^/]+)\//.exec(name);
  return match?.[1] && scopePattern.test(match[1]) ? match[1] : undefined;
}
