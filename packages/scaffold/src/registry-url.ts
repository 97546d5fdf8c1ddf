import { ScaffoldError } from './scaffold-error.js';

/** An http(s) registry address with the trailing slash npm expects in a scope line. */
export function parseRegistryUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ScaffoldError('scaffold/usage', `--registry "${value}" is not an http(s) address.`, { hint: 'Example: --registry https://npm.acme.internal/' });
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
