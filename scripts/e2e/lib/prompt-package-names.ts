// The npm names of every prompt package in a checkout, sorted: what a release
// of that checkout publishes. Tests count with it instead of a list that goes
// stale whenever a prompt is added.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function promptPackageNames(repoDir: string): string[] {
  const prompts = path.join(repoDir, 'prompts');
  return readdirSync(prompts, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^[_.]/.test(entry.name))
    .map((entry) => (JSON.parse(readFileSync(path.join(prompts, entry.name, 'package.json'), 'utf8')) as { name: string }).name)
    .sort();
}
