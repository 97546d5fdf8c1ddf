import Handlebars from 'handlebars';
import type { LoadedPrompt } from '../loaded-prompt.js';
import { findIncludes } from './find-includes.js';

/**
 * The policy as the model sees it: policy.md with every `{{> name}}`
 * replaced by that shared section's text, variables still written as
 * `{{…}}`. This is the text legal approves (policy.lock holds its sha256),
 * the text the build compiles, and the text diffs compare.
 */
export function effectivePolicy(prompt: Pick<LoadedPrompt, 'sources' | 'shared'>): string {
  return inlineSharedSections(prompt.sources.policy, Object.fromEntries((prompt.shared ?? []).map((section) => [section.name, section.text])));
}

/**
 * Inlines shared sections into a policy exactly as Handlebars renders a
 * partial registered with the section's text (see `sectionText`): a
 * standalone `{{> name}}` (alone on its line) loses its own line break and
 * every line of the section gets the spaces written before the tag; any
 * other include is replaced by the text as is. Includes of unknown sections,
 * and a policy that does not parse, are left untouched (the template
 * analysis reports both).
 */
export function inlineSharedSections(policy: string, sections: Readonly<Record<string, string>>): string {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(policy);
  } catch {
    return policy;
  }
  const lineStarts = lineOffsets(policy);
  const offset = (position: hbs.AST.Position) => lineStarts[position.line - 1]! + position.column;
  let result = '';
  let copied = 0;
  for (const include of findIncludes(program)) {
    if (include.name === undefined || !Object.hasOwn(sections, include.name)) continue;
    let start = offset(include.node.loc.start);
    let end = offset(include.node.loc.end);
    const text = sectionText(sections[include.name]!);
    let replacement = text;
    if (include.standalone) {
      start -= include.indent.length;
      end += /^[ \t]*(?:\r?\n)?/.exec(policy.slice(end))![0].length;
      replacement = indentLines(text, include.indent);
    }
    result += policy.slice(copied, start) + replacement;
    copied = end;
  }
  return result + policy.slice(copied);
}

/**
 * A section's text as it is included: without a byte-order mark, and ending
 * with a line break even when the file's last line has none, so the line
 * after the include never runs on from the section's last line.
 */
export function sectionText(text: string): string {
  const clean = text.replace(/^\uFEFF/, '');
  return clean === '' || clean.endsWith('\n') ? clean : `${clean}\n`;
}

// Handlebars' own rule (runtime.js invokePartial): every line gets the
// indent except a final empty one, the remainder after a closing newline.
function indentLines(text: string, indent: string): string {
  if (!indent) return text;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!lines[index] && index + 1 === lines.length) break;
    lines[index] = indent + lines[index];
  }
  return lines.join('\n');
}

// Offsets where each line starts, counting line breaks as Handlebars' lexer
// does (\r\n, \r and \n), so AST positions convert to string offsets.
function lineOffsets(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n?|\n/g;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) starts.push(match.index + match[0].length);
  return starts;
}
