import { canonicalJson } from '@promptpack/spec';
import type { PromptPackageJson } from '../loaded-prompt.js';
import type { EvalManifest, ModelDefaults, PromptSpec } from '@promptpack/spec';
import type { PartChange } from '@promptpack/spec';

/** The model and every parameter shape the answers a service gets: each change is minor. */
export function compareModel(before: ModelDefaults, after: ModelDefaults): PartChange[] {
  const keys = sortedKeys(before, after, ['name', 'provider']);
  return keys.flatMap((key): PartChange[] => {
    const old = (before as Record<string, unknown>)[key];
    const now = (after as Record<string, unknown>)[key];
    if (same(old, now)) return [];
    return [{ part: 'model', bump: 'minor', path: key, summary: `model ${key} ${transition(old, now)}` }];
  });
}

/** Evals decide whether a version ships, not what it renders: patch. */
export function compareEvals(before: EvalManifest, after: EvalManifest): PartChange[] {
  const changes: PartChange[] = [];
  const patch = (summary: string) => changes.push({ part: 'evals', bump: 'patch', summary });
  if (before.repeats !== after.repeats) patch(`eval repeats ${transition(before.repeats, after.repeats)}`);
  for (const key of sortedKeys(before.thresholds, after.thresholds)) {
    const old = (before.thresholds as Record<string, unknown>)[key];
    const now = (after.thresholds as Record<string, unknown>)[key];
    if (!same(old, now)) patch(`eval threshold ${key} ${transition(old, now)}`);
  }
  const oldCases = new Map(before.cases.map((c) => [c.id, c]));
  const newCases = new Map(after.cases.map((c) => [c.id, c]));
  const added = after.cases.filter((c) => !oldCases.has(c.id)).map((c) => c.id);
  const removed = before.cases.filter((c) => !newCases.has(c.id)).map((c) => c.id);
  const changed = after.cases.filter((c) => oldCases.has(c.id) && !same(oldCases.get(c.id), c)).map((c) => c.id);
  if (added.length > 0) patch(`${cases(added.length)} added: ${list(added)}`);
  if (removed.length > 0) patch(`${cases(removed.length)} removed: ${list(removed)}`);
  if (changed.length > 0) patch(`${cases(changed.length)} changed: ${list(changed)}`);
  const order = (manifest: EvalManifest) => manifest.cases.map((c) => c.id).filter((id) => oldCases.has(id) && newCases.has(id));
  if (changes.length === 0 && !same(order(before), order(after))) patch('eval cases reordered');
  return changes;
}

/**
 * Who owns the prompt and how it describes itself, in prompt.yaml and
 * package.json: patch. The package version is what a bump changes, so it is
 * not a change in itself.
 */
export function compareMetadata(before: { spec: PromptSpec; packageJson: PromptPackageJson }, after: { spec: PromptSpec; packageJson: PromptPackageJson }): PartChange[] {
  const changes: PartChange[] = [];
  const patch = (summary: string) => changes.push({ part: 'metadata', bump: 'patch', summary });
  if (before.spec.description !== after.spec.description) patch('description changed');
  const oldOwners = new Set(before.spec.owners);
  const newOwners = new Set(after.spec.owners);
  const addedOwners = after.spec.owners.filter((owner) => !oldOwners.has(owner));
  const removedOwners = before.spec.owners.filter((owner) => !newOwners.has(owner));
  if (addedOwners.length > 0 || removedOwners.length > 0) {
    const parts = [addedOwners.length > 0 ? `added ${addedOwners.join(', ')}` : '', removedOwners.length > 0 ? `removed ${removedOwners.join(', ')}` : ''];
    patch(`owners changed: ${parts.filter(Boolean).join('; ')}`);
  }
  for (const key of sortedKeys(before.packageJson, after.packageJson)) {
    if (key === 'version') continue;
    if (!same(before.packageJson[key], after.packageJson[key])) patch(`package.json "${key}" ${before.packageJson[key] === undefined ? 'added' : after.packageJson[key] === undefined ? 'removed' : 'changed'}`);
  }
  return changes;
}

function sortedKeys(before: object, after: object, first: readonly string[] = []): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => key !== '$schema');
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  return keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function transition(before: unknown, after: unknown): string {
  if (before === undefined) return `added: ${show(after)}`;
  if (after === undefined) return `removed (was ${show(before)})`;
  return `changed from ${show(before)} to ${show(after)}`;
}

function show(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function cases(count: number): string {
  return `${count} eval ${count === 1 ? 'case' : 'cases'}`;
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}
