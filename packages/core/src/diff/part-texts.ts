import type { LoadedPrompt } from '../loaded-prompt.js';
import { policyText } from './policy-text.js';

/** The parts of a prompt read as text, and so diffed line by line. */
export type TextPart = 'policy' | 'fewshots' | 'template' | 'tools' | 'evals';

/**
 * Each text part as a reviewer reads it: the effective policy, the template
 * source, the few-shot pairs one after another, and evals.yaml as written.
 */
export function partText(prompt: LoadedPrompt, part: TextPart): string {
  switch (part) {
    case 'policy':
      return policyText(prompt);
    case 'template':
      return prompt.sources.template;
    case 'evals':
      return prompt.sources.evals;
    case 'tools':
      // tools.yaml as written: descriptions are reviewed text; no file reads as no tools.
      return prompt.sources.tools ?? '';
    case 'fewshots':
      // Pair by pair, so a changed example reads as text, not as YAML quoting.
      return prompt.fewshots.map((pair, index) => `## Example ${index + 1}: user\n${ensureBreak(pair.user)}\n## Example ${index + 1}: assistant\n${ensureBreak(pair.assistant)}`).join('\n');
  }
}

function ensureBreak(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
