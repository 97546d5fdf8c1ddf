import type { PartChange, ToolSpec } from '@promptpack/spec';
import { compareSchema } from './compare-schema.js';

/**
 * tools.yaml's semver rules. Tools are an interface between the model and
 * the service's code, so they are judged like variables:
 * - a tool removed (or renamed: removed plus added) is major: the service's
 *   handler for it is never called, and recorded calls no longer parse;
 * - a tool added is minor: the model may now call something new;
 * - parameters follow compareSchema's `arguments` direction: a required
 *   parameter removed, renamed or added, or a parameter narrowed, is major;
 *   an optional parameter added, or a parameter widened, is minor;
 * - a description changed is minor: it is model-facing text that changes
 *   which tool the model picks, as policy text does;
 * - `strict` switched is minor: it changes the calls the model makes
 *   without breaking one that was valid;
 * - tools reordered is a patch, like reordered enum values: the model sees
 *   a different order, every call stays valid.
 */
export function compareTools(before: readonly ToolSpec[], after: readonly ToolSpec[]): PartChange[] {
  const changes: PartChange[] = [];
  const old = new Map(before.map((tool) => [tool.name, tool]));
  const now = new Map(after.map((tool) => [tool.name, tool]));
  for (const tool of before) if (!now.has(tool.name)) changes.push({ part: 'tools', bump: 'major', summary: `tool "${tool.name}" removed`, path: tool.name });
  for (const tool of after) {
    const was = old.get(tool.name);
    if (!was) {
      changes.push({ part: 'tools', bump: 'minor', summary: `tool "${tool.name}" added`, path: tool.name });
      continue;
    }
    if (was.description !== tool.description) changes.push({ part: 'tools', bump: 'minor', summary: `description of tool "${tool.name}" changed`, path: tool.name });
    if ((was.strict ?? false) !== (tool.strict ?? false)) changes.push({ part: 'tools', bump: 'minor', summary: `tool "${tool.name}" is ${tool.strict ? 'now strict' : 'no longer strict'}`, path: tool.name });
    for (const change of compareSchema(was.parameters, tool.parameters, 'arguments')) {
      changes.push({ part: 'tools', bump: change.bump, summary: `tool "${tool.name}": ${change.summary}`, path: change.path ? `${tool.name}.${change.path}` : tool.name });
    }
  }
  const kept = after.map((tool) => tool.name).filter((name) => old.has(name));
  const wasKept = before.map((tool) => tool.name).filter((name) => now.has(name));
  if (kept.join('\u0000') !== wasKept.join('\u0000')) changes.push({ part: 'tools', bump: 'patch', summary: `tools reordered (${kept.join(', ')})` });
  return changes;
}
