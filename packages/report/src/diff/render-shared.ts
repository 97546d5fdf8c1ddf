import type { SharedImpact } from '@promptpack/core';
import { diffBlock } from './render-markdown.js';
import { renderTextDiff } from './render-text.js';

function headline(impact: SharedImpact): string {
  const count = impact.prompts.length;
  const changed = impact.prompts.filter((prompt) => prompt.status === 'changed').length;
  return `Shared section "${impact.section}" (prompts/_shared/${impact.section}.md) is ${impact.sectionStatus} since ${impact.from.ref}; ${count} ${count === 1 ? 'prompt includes' : 'prompts include'} it, ${changed} of them ${changed === 1 ? 'sees' : 'see'} a different policy.`;
}

/** Which prompts a shared-section change reaches, and the release each needs. */
export function renderSharedText(impact: SharedImpact, options: { color?: boolean } = {}): string {
  const out = [headline(impact), `Compared: ${impact.from.ref} (${impact.from.commit.slice(0, 12)}) → ${impact.to}`, ''];
  if (impact.prompts.length > 0) {
    const rows = impact.prompts.map((prompt) => [prompt.id, prompt.package, prompt.status, prompt.policyBump, prompt.required]);
    const header = ['prompt', 'package', 'policy', 'release for policy', 'release needed'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    for (const cells of [header, ...rows]) out.push(cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
    out.push('');
  }
  if (impact.sectionDiff) out.push(`── prompts/_shared/${impact.section}.md ──`, ...renderTextDiff(impact.sectionDiff, options.color ?? false), '');
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderSharedMarkdown(impact: SharedImpact): string {
  const out = [`### Shared section \`${impact.section}\``, '', headline(impact).replace(/[<>]/g, ''), ''];
  if (impact.prompts.length > 0) {
    out.push('| prompt | package | policy | release for the policy | release needed |', '|---|---|---|---|---|');
    for (const prompt of impact.prompts) out.push(`| ${prompt.id} | ${prompt.package} | ${prompt.status} | ${prompt.policyBump} | ${prompt.required} |`);
    out.push('');
  }
  if (impact.sectionDiff) out.push(`prompts/_shared/${impact.section}.md:`, '', ...diffBlock(impact.sectionDiff));
  return `${out.join('\n').trimEnd()}\n`;
}
