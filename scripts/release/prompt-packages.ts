// The packages a release publishes: every prompt folder under prompts/ with
// a package.json that is not private. Tooling packages (packages/*) are not
// part of a prompt release.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface PromptPackage {
  name: string;
  version: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** Folder name under prompts/. */
  folder: string;
}

export function findPromptPackages(root: string): PromptPackage[] {
  const promptsDir = path.join(root, 'prompts');
  if (!existsSync(promptsDir)) return [];
  const packages: PromptPackage[] = [];
  for (const entry of readdirSync(promptsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || /^[_.]/.test(entry.name)) continue;
    const manifestPath = path.join(promptsDir, entry.name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: string; version?: string; private?: boolean };
    if (manifest.private || !manifest.name || !manifest.version) continue;
    packages.push({ name: manifest.name, version: manifest.version, dir: path.dirname(manifestPath), folder: entry.name });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

export function scopeOf(name: string): string | undefined {
  return name.startsWith('@') ? name.split('/')[0] : undefined;
}

export function tagName(pkg: Pick<PromptPackage, 'name' | 'version'>): string {
  return `${pkg.name}@${pkg.version}`;
}
