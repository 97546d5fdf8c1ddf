import type { PartChange, PromptPart } from '@promptpack/spec';
import { formatEvalNotes } from './eval-notes.js';
import type { PromptNotes, ReleaseLineInput } from './release-notes.js';

const partOrder: readonly PromptPart[] = ['policy', 'fewshots', 'template', 'variables', 'output', 'model', 'tools', 'evals', 'metadata'];

const partNames: Record<PromptPart, string> = {
  policy: 'policy',
  fewshots: 'few-shots',
  template: 'template',
  variables: 'variables',
  output: 'output schema',
  model: 'model',
  tools: 'tools',
  evals: 'evals',
  metadata: 'metadata',
};

/**
 * The markdown for one changeset in one package's CHANGELOG.md: the summary
 * (prefixed with the short commit id), then for a prompt package which parts
 * changed since the previous release, one line per change, and the new
 * policy hash when the policy changed. Pure: all facts come in `input`.
 */
export function formatReleaseLine(input: ReleaseLineInput): string {
  const [firstLine = '', ...moreLines] = input.summary.trim().split('\n').map((line) => line.trimEnd());
  const commit = input.commit ? `${input.commit.slice(0, 7)}: ` : '';
  const lines = [`- ${commit}${firstLine}`, ...moreLines.map(indent)];
  for (const prompt of input.prompts) {
    lines.push('', ...formatPromptNotes(prompt, input.labelPrompts ?? false).map(indent));
  }
  return lines.join('\n');
}

/** The prompt-specific block of an entry, without indentation; the eval line closes it. */
export function formatPromptNotes(notes: PromptNotes, labelled = false): string[] {
  const block = formatPartNotes(notes, labelled);
  return notes.evals ? [...block, '', formatEvalNotes(notes.evals)] : block;
}

function formatPartNotes(notes: PromptNotes, labelled: boolean): string[] {
  const label = labelled ? `\`${notes.name}\`: ` : '';
  const hash = `\`${notes.policyHash}\``;
  if (notes.previousVersion === undefined && (notes.impact === undefined || notes.impact.added)) {
    return [`${label}First release — policy hash ${hash}`];
  }
  const since = notes.previousVersion === undefined ? '' : ` since ${notes.previousVersion}`;
  if (notes.impact === undefined) {
    return [`${label}Prompt parts changed${since}: unknown — ${notes.comparisonError ?? 'the comparison failed'}`];
  }
  if (notes.impact.added) {
    return [`${label}New prompt${since ? ` (not in ${notes.previousVersion})` : ''} — policy hash ${hash}`];
  }
  const changes = sortChanges(notes.impact.changes);
  if (changes.length === 0) return [`${label}No prompt parts changed${since}`];

  const parts = [...new Set(changes.map((change) => change.part))];
  const details: string[] = [];
  if (parts.includes('policy')) details.push(`- Policy changed — new policy hash ${hash}`);
  for (const change of changes) {
    if (change.part === 'policy') continue;
    details.push(`- ${capitalize(partNames[change.part])} (${change.bump}): ${change.summary}`);
  }
  return [`${label}Prompt parts changed${since}: ${parts.map((part) => partNames[part]).join(', ')}`, '', ...details];
}

function sortChanges(changes: readonly PartChange[]): PartChange[] {
  return [...changes].sort((a, b) => partOrder.indexOf(a.part) - partOrder.indexOf(b.part));
}

function indent(line: string): string {
  return line === '' ? '' : `  ${line}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
