// The publishable tooling packages of this repository (every packages/*
// folder whose package.json is not private, and the @promptpack/* prompts the
// tooling depends on), read from disk so a new package
// is covered the moment it lands, in the order they must be published.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ToolingPackage {
  name: string;
  version: string;
  dir: string;
  manifest: Record<string, unknown> & { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
}

export function toolingPackages(root = repoRoot): ToolingPackage[] {
  const found: ToolingPackage[] = [];
  // prompts/ holds this repository's own prompts; those named @promptpack/* (the
  // llm-judge @promptpack/eval grades with) ship with the tooling.
  for (const [folder, belongs] of [
    ['packages', () => true],
    ['prompts', (name: string) => name.startsWith('@promptpack/')],
  ] as const) {
    const parent = path.join(root, folder);
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      const manifestPath = path.join(parent, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ToolingPackage['manifest'];
      if (manifest.private === true || !belongs(String(manifest.name))) continue;
      found.push({ name: String(manifest.name), version: String(manifest.version), dir: path.join(parent, entry.name), manifest });
    }
  }
  return inDependencyOrder(found);
}

/** Dependencies before dependents, so a registry never holds a package whose workspace dependency it lacks. */
export function inDependencyOrder(packages: readonly ToolingPackage[]): ToolingPackage[] {
  const byName = new Map(packages.map((item) => [item.name, item]));
  const ordered: ToolingPackage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: ToolingPackage, chain: string[]) => {
    if (state.get(item.name) === 'done') return;
    if (state.get(item.name) === 'visiting') throw new Error(`Workspace packages depend on each other in a cycle: ${[...chain, item.name].join(' -> ')}.`);
    state.set(item.name, 'visiting');
    const { dependencies, peerDependencies, optionalDependencies } = item.manifest;
    for (const dependency of Object.keys({ ...dependencies, ...peerDependencies, ...optionalDependencies }).sort()) {
      const inner = byName.get(dependency);
      if (inner) visit(inner, [...chain, item.name]);
    }
    state.set(item.name, 'done');
    ordered.push(item);
  };
  for (const item of [...packages].sort((a, b) => a.name.localeCompare(b.name))) visit(item, []);
  return ordered;
}
