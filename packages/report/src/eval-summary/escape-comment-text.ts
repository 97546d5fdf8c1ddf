import { escapeInline } from '../eval/markdown.js';

/**
 * Text from the repository or a model, made inert for a pull request comment:
 * the report's inline escaping (backticks, `|`, `<`, `*`, `_`, brackets,
 * newlines) plus `#` (a heading inside a list item), `~` (strikethrough) and
 * `&` (an entity spelling `<!--` another way).
 */
export function escapeCommentText(text: string): string {
  return escapeInline(text).replace(/([#~&])/g, '\\$1');
}
