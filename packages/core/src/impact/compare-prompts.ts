import type { LoadedPrompt } from '../loaded-prompt.js';
import { effectivePolicy } from '../shared/effective-policy.js';
import { compareFewShots } from './compare-fewshots.js';
import { compareHistory } from './compare-history.js';
import { compareSchema } from './compare-schema.js';
import { compareEvals, compareMetadata, compareModel } from './compare-settings.js';
import { compareText, describeTextChange } from './compare-text.js';
import { compareTools } from './compare-tools.js';
import { maxBump, type PromptImpact } from './prompt-impact.js';
import type { PartChange } from '@promptpack/spec';

/**
 * The semver impact of going from `before` to `after`, part by part:
 * structured parts (variables, output, model, evals, metadata) are compared
 * as data, so reordering YAML keys is no change; text parts (policy,
 * template) as text, so every character counts. The policy is compared as
 * the model sees it, shared sections inlined: a change to a shared section
 * is a policy change of every prompt that includes it. `before` undefined means a
 * new prompt: nothing to compare, `added` is true and the bump is 'none'
 * (a first release publishes whatever version package.json holds).
 */
export function comparePrompts(before: LoadedPrompt | undefined, after: LoadedPrompt): PromptImpact {
  if (!before) return { id: after.spec.id, bump: 'none', changes: [], added: true };
  const changes: PartChange[] = [
    ...compareSchema(before.spec.variables, after.spec.variables, 'input').map((change) => ({ part: 'variables' as const, ...change })),
    ...compareHistory(before.spec.history, after.spec.history),
    ...compareOutput(before, after),
    ...comparePolicy(before, after),
    ...compareModel(before.spec.model, after.spec.model),
    ...compareTools(before.tools, after.tools),
    ...compareFewShots(before.fewshots, after.fewshots),
    ...compareTextPart('template', 'template text', 'patch', before.sources.template, after.sources.template),
    ...compareEvals(before.evals, after.evals),
    ...compareMetadata(before, after),
  ];
  return { id: after.spec.id, bump: maxBump(...changes.map((change) => change.bump)), changes, added: false };
}

function compareOutput(before: LoadedPrompt, after: LoadedPrompt): PartChange[] {
  const old = before.spec.output;
  const now = after.spec.output;
  // Free text to structured output, or back, changes what every consumer
  // must do with the answer: code that used the text, or the parsed object,
  // no longer works.
  if (!old && !now) return [];
  if (!old) return [{ part: 'output', bump: 'major', summary: 'structured output added (consumers of free text must parse it now)' }];
  if (!now) return [{ part: 'output', bump: 'major', summary: 'structured output removed (the answer is free text now)' }];
  return compareSchema(old, now, 'output').map((change) => ({ part: 'output' as const, ...change }));
}

function comparePolicy(before: LoadedPrompt, after: LoadedPrompt): PartChange[] {
  const [change] = compareTextPart('policy', 'policy text', 'minor', effectivePolicy(before), effectivePolicy(after));
  if (!change) return [];
  // Say where the change came from: a reviewer of one prompt may never have opened _shared/.
  const old = new Map(before.shared.map((section) => [section.name, section.text]));
  const now = new Map(after.shared.map((section) => [section.name, section.text]));
  const notes = [...new Set([...old.keys(), ...now.keys()])].sort().flatMap((name) => {
    if (!old.has(name)) return [`shared section "${name}" included`];
    if (!now.has(name)) return [`shared section "${name}" no longer included`];
    return old.get(name) === now.get(name) ? [] : [`shared section "${name}" changed`];
  });
  if (notes.length > 0 && before.sources.policy === after.sources.policy) change.summary += `: ${notes.join(', ')}`;
  else if (notes.length > 0) change.summary += `, with ${notes.join(', ')}`;
  return [change];
}

function compareTextPart(part: 'policy' | 'template', what: string, bump: 'minor' | 'patch', before: string, after: string): PartChange[] {
  const change = compareText(before, after);
  return change ? [{ part, bump, summary: describeTextChange(what, change) }] : [];
}
