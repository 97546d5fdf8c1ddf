// A package name is user text (package.json, the command line) that ends up
// in a request path: it must never steer that path to another place or host.
import npa from 'npm-package-arg';
import validate from 'validate-npm-package-name';
import { ReleaseError } from '../release-error.js';

/**
 * The packument URL of `name` on `registry`, encoded as npm encodes it
 * (`@acme%2fprompt-x`). Refuses names npm itself would refuse, such as
 * `@acme/../../x` or `\\host\x/prompt-p`.
 */
export function packumentUrl(registry: string, name: string): string {
  assertPackageName(name);
  const base = new URL(registry.endsWith('/') ? registry : `${registry}/`);
  const url = new URL(npa(name).escapedName ?? '', base);
  // Defence in depth: a valid name is one path segment below the registry.
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname) || url.pathname.slice(base.pathname.length).includes('/')) {
    throw invalidName(name, [`it resolves to ${url.href}, outside ${base.href}`]);
  }
  return url.href;
}

export function assertPackageName(name: string): void {
  const result = validate(name);
  if (!result.validForOldPackages) throw invalidName(name, [...(result.errors ?? []), ...(result.warnings ?? [])]);
}

function invalidName(name: string, problems: readonly string[]): ReleaseError {
  return new ReleaseError('registry/invalid-name', `${JSON.stringify(name)} is not a valid npm package name: ${problems.join('; ')}.`, {
    hint: 'Fix the "name" in the prompt\'s package.json, e.g. "@acme/prompt-support-reply" (npm\'s naming rules: lowercase, URL-safe, one optional @scope/).',
  });
}
