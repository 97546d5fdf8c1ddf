import type { AnyPromptModule } from './prompt-module.js';
import { PromptRuntimeError } from './runtime-error.js';

interface JsonSchemaNode {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
}

/**
 * Refuses, at start-up rather than on some later request, versions that
 * cannot stand in for each other: another package, the same version twice,
 * or a variable two versions declare with conflicting types.
 */
export function checkVersions(id: string, versions: readonly AnyPromptModule[]): void {
  const [stable] = versions;
  const seen = new Set<string>();
  for (const [index, version] of versions.entries()) {
    const label = index === 0 ? `prompts["${id}"].stable` : `prompts["${id}"].candidates[${index - 1}]`;
    if (!version || typeof version.render !== 'function' || typeof version.manifest?.version !== 'string') {
      throw new PromptRuntimeError('runtime/invalid-config', `${label} is not a built prompt package.`, `Pass the imported package, e.g. import stable from '${id}-1'.`);
    }
    if (version.manifest.id !== id) {
      throw new PromptRuntimeError('runtime/invalid-config', `${label} is ${version.manifest.name}@${version.manifest.version} (prompt "${version.manifest.id}"), not prompt "${id}".`, 'Every version of a prompt must come from the same package; check the npm aliases in package.json.');
    }
    if (stable && version.manifest.name !== stable.manifest.name) {
      throw new PromptRuntimeError('runtime/invalid-config', `${label} is package ${version.manifest.name}, but the stable version is ${stable.manifest.name}.`, 'Every version of a prompt must come from the same package.');
    }
    if (seen.has(version.manifest.version)) {
      throw new PromptRuntimeError('runtime/invalid-config', `${label} repeats version ${version.manifest.version} of "${id}".`, 'List each installed version once.');
    }
    seen.add(version.manifest.version);
  }
  for (let a = 0; a < versions.length; a += 1) {
    for (let b = a + 1; b < versions.length; b += 1) {
      const conflict = findConflict(versions[a]!.manifest.variables as JsonSchemaNode, versions[b]!.manifest.variables as JsonSchemaNode, '');
      if (conflict) {
        const [left, right] = [versions[a]!.manifest.version, versions[b]!.manifest.version];
        throw new PromptRuntimeError(
          'runtime/invalid-config',
          `Versions ${left} and ${right} of "${id}" disagree on variable "${conflict.path}": ${conflict.what}. No value can satisfy both, so one of them would fail on every request.`,
          'Serve them from different prompt ids, or install a candidate whose variables are compatible with the stable one.',
        );
      }
    }
  }
}

function findConflict(left: JsonSchemaNode | undefined, right: JsonSchemaNode | undefined, path: string): { path: string; what: string } | undefined {
  if (!left || !right) return undefined;
  const numeric = (type: string | undefined) => type === 'number' || type === 'integer';
  if (left.type !== right.type && !(numeric(left.type) && numeric(right.type))) {
    return { path: path || '(root)', what: `${left.type} in one, ${right.type} in the other` };
  }
  if (left.enum && right.enum && !left.enum.some((value) => right.enum!.includes(value))) {
    return { path, what: `enum [${left.enum.join(', ')}] and [${right.enum.join(', ')}] share no value` };
  }
  if (left.type === 'array') return findConflict(left.items, right.items, `${path}[]`);
  if (left.type === 'object') {
    for (const [key, child] of Object.entries(left.properties ?? {})) {
      const conflict = findConflict(child, right.properties?.[key], path ? `${path}.${key}` : key);
      if (conflict) return conflict;
    }
  }
  return undefined;
}
