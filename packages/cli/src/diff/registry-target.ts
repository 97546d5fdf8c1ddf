// Which registry `promptpack diff` reads published versions from: the one
// npm would use for the package (--registry, the scope's line or an explicit
// `registry=` in the npm config), with the credentials npm would send.
import { loadNpmConfig, registryTarget, ReleaseError, type RegistryTarget } from '@promptpack/release';
import { PromptpackError } from '@promptpack/spec';

/** undefined when only npm's built-in default would apply: private prompts are not on the public registry. */
export async function diffRegistryTarget(packageName: string, given: string | undefined, repoRoot: string): Promise<RegistryTarget | undefined> {
  if (given !== undefined && !/^https?:\/\//.test(given)) {
    throw new PromptpackError('cli/usage', `--registry "${given}" is not an http(s) URL.`, { hint: 'For example: --registry http://127.0.0.1:4873/' });
  }
  return registryTarget(await loadNpmConfig({ cwd: repoRoot }), packageName, given);
}

/** Registry refusals (invalid name, credentials, integrity, size) as the CLI's errors; anything else unchanged. */
export function asPromptpackError(error: unknown): unknown {
  if (!ReleaseError.isInstance(error)) return error;
  const code = error.code === 'registry/unauthorized' || error.code === 'registry/invalid-name' ? 'cli/usage' : 'prompt/invalid';
  return new PromptpackError(code, error.summary, error.hint === undefined ? {} : { hint: error.hint });
}
