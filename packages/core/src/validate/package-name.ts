import validatePackageName from 'validate-npm-package-name';

/**
 * What is wrong with a package name by npm's own rules (the registry's
 * validator, not a copy of it), or an empty list. The name reaches URLs
 * (registry requests), paths (node_modules) and generated code, so a name
 * npm would refuse to publish is refused here first.
 */
export function packageNameProblems(name: string): string[] {
  const result = validatePackageName(name);
  if (result.validForNewPackages) return [];
  return [...(result.errors ?? []), ...(result.warnings ?? [])];
}
