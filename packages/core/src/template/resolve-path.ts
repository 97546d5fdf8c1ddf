import type { ObjectNode, SchemaNode } from '@promptpack/spec';
import type { Binding, Value } from './binding.js';
import { describeNode } from './binding.js';
import { readProperty } from './member-access.js';
import { rootValue, type Scope } from './scope.js';
import { closest } from './suggest.js';
import { propertyPath } from './variable-path.js';

/** Why a path does not resolve; the caller adds code and location. */
export interface Problem {
  message: string;
  hint?: string;
  /** The variable path in declared notation when known ('orders[].idd'), else as written. */
  path: string;
}

/**
 * An optional property (one its object does not list in `required`) that an
 * expression reads while nothing makes sure it was passed. Whether that
 * throws depends on where the expression stands; see analyzeTemplate.
 */
export interface Unguarded {
  /** The expression up to this property, as written: 'customer.email', 'order.gift', '@root.agentName'. */
  written: string;
  /** The property in declared notation ('orders[].note'), or as written when unknown. */
  path: string;
  /** Whether it is the expression's last segment. */
  last: boolean;
}

export type Resolution = { ok: true; value: Value; unguarded: readonly Unguarded[] } | { ok: false; problem: Problem };

/** How the path was written, so messages and suggestions use the author's own spelling. */
export interface Spelling {
  /** '', 'this.', './', '../', '@', '@../', or an expression followed by '.' */
  prefix: string;
  /** Segments already resolved before the walk starts (a data name, a block param). */
  head: readonly string[];
}

const eachData = new Set(['index', 'key', 'first', 'last']);

const unknown: Resolution = { ok: true, value: 'unknown', unguarded: [] };

/** Resolves a path expression against the schema, with Handlebars' rules for `this`, `../`, `@data` and block params. */
export function resolvePath(path: hbs.AST.PathExpression, scope: Scope, file: string): Resolution {
  if (path.data) return resolveData(path, scope, file);
  const scoped = /^\.|this\b/.test(path.original);
  const [first, ...rest] = path.parts;
  if (!scoped && path.depth === 0 && first !== undefined) {
    // Handlebars looks block params up first, innermost block first, and only for unscoped names.
    for (let index = scope.blockParams.length - 1; index >= 0; index--) {
      const bound = scope.blockParams[index]!.get(first);
      if (bound) {
        // Handlebars reads a block param's last segment leniently, even when printing: {{order.note}} prints "" for a missing note.
        const resolved = walk(bound, rest, { prefix: '', head: [first] }, scope, file);
        return resolved.ok ? { ...resolved, unguarded: resolved.unguarded.filter((crossing) => !crossing.last) } : resolved;
      }
    }
  }
  const target = scope.contexts.length - 1 - path.depth;
  if (target < 0) {
    const available = scope.contexts.length - 1;
    return failure({
      message: `"${path.original}" in ${file} goes above the top-level variables.`,
      hint: available === 0
        ? `Here the context is already the top-level variables: write {{${path.parts.join('.')}}}.`
        : `Only ${available} level${available === 1 ? '' : 's'} of "../" ${available === 1 ? 'is' : 'are'} available here; @root.${path.parts.join('.')} always reads the top-level variables.`,
      path: path.original,
    });
  }
  // A block the analysis cannot follow may or may not have changed the context, so `../` counts are unreliable past it.
  if (scope.contexts.slice(target).includes('unknown')) return unknown;
  return walk(scope.contexts[target]!, path.parts, { prefix: spellingPrefix(path.original), head: [] }, scope, file);
}

function resolveData(path: hbs.AST.PathExpression, scope: Scope, file: string): Resolution {
  const [name, ...rest] = path.parts;
  const prefix = `@${'../'.repeat(path.depth)}`;
  const start = scope.dataFrames.length - 1 - path.depth;
  if (name === undefined || start < 0) {
    return failure({
      message: `Unknown variable "${path.original}" in ${file}: there are not ${path.depth} enclosing {{#each}} blocks here.`,
      hint: 'Each "../" after "@" steps out of one {{#each}}; remove the extra "../".',
      path: path.original,
    });
  }
  // Handlebars copies a frame's parent into it, so an outer @index stays visible in nested blocks.
  for (let index = start; index >= 0; index--) {
    const frame = scope.dataFrames[index]!;
    if (frame === 'unknown') return unknown;
    const bound = frame.get(name);
    if (bound) return walk(bound, rest, { prefix, head: [name] }, scope, file);
  }
  if (eachData.has(name)) {
    return failure({
      message: `Unknown variable "${path.original}" in ${file}: @${name} exists only inside {{#each}}.`,
      hint: `Move it inside an {{#each}} block${path.depth > 0 ? ', or remove a "../"' : ''}.`,
      path: path.original,
    });
  }
  const known = new Set<string>();
  for (const frame of scope.dataFrames) if (frame !== 'unknown') for (const key of frame.keys()) known.add(key);
  const suggestion = closest(name, known);
  return failure({
    message: `Unknown variable "${path.original}" in ${file}: there is no @${name}.`,
    hint: [
      suggestion ? `Did you mean "${prefix}${[suggestion, ...rest].join('.')}"?` : undefined,
      `Available here: ${[...known].map((key) => `@${key}`).join(', ')}.`,
    ]
      .filter(Boolean)
      .join(' '),
    path: path.original,
  });
}

/**
 * Reads `segments` one property at a time from `start`, saying precisely
 * where the schema stops allowing it, and which optional properties it reads
 * that `scope` does not know to be present. `start` itself is present.
 */
export function walk(start: Value, segments: readonly string[], spelling: Spelling, scope: Scope, file: string): Resolution {
  let value = start;
  const unguarded: Unguarded[] = [];
  for (const [index, name] of segments.entries()) {
    if (value === 'unknown') return { ok: true, value, unguarded };
    const next = value.flatMap((binding) => readProperty(binding, name));
    if (next.length === 0) return failure(describeMissing(value, segments, index, spelling, scope, file));
    const optional = value.find((binding) => isOptional(binding, name, scope));
    if (optional) {
      const written = `${spelling.prefix}${[...spelling.head, ...segments.slice(0, index + 1)].join('.')}`;
      const path = propertyPath(optional.path, name) ?? written;
      unguarded.push({ written, path, last: index === segments.length - 1 });
    }
    value = next;
  }
  return { ok: true, value, unguarded };
}

/** Whether reading `name` from `parent` may find nothing: an optional property not known to be present. */
function isOptional(parent: Binding, name: string, scope: Scope): boolean {
  const { node } = parent;
  if (node.type !== 'object' || !Object.hasOwn(node.properties, name) || node.required?.includes(name)) return false;
  const key = propertyPath(parent.key, name);
  return key === undefined || !scope.present.has(key);
}

function describeMissing(
  parent: readonly Binding[],
  segments: readonly string[],
  index: number,
  spelling: Spelling,
  scope: Scope,
  file: string,
): Problem {
  const name = segments[index]!;
  const spell = (walked: readonly string[]) => `${spelling.prefix}${[...spelling.head, ...walked].join('.')}`;
  const written = spell(segments);
  const writtenParent = spell(segments.slice(0, index));
  const declaredParent = parent.find((binding) => binding.path !== undefined)?.path;
  const path = declaredParent === undefined ? written : [declaredParent, ...segments.slice(index)].filter(Boolean).join('.');
  const objects = parent.flatMap((binding) => (binding.node.type === 'object' ? [binding.node] : []));

  if (objects.length === 0) {
    const node = parent[0]!.node;
    const label = labelOf(parent[0]!, writtenParent);
    return {
      message: `Unknown variable "${written}" in ${file}: ${label} is ${describeNode(node)}, which has no property "${name}".`,
      hint:
        node.type === 'array'
          ? `Read the items inside {{#each ${writtenParent}}}…{{/each}}, where {{${name}}} refers to a property of the current item.`
          : `Use {{${writtenParent}}} itself, or declare it in prompt.yaml as an object with a "${name}" property.`,
      path,
    };
  }

  const siblings = [...new Set(objects.flatMap((object) => Object.keys(object.properties)))];
  const atRoot = declaredParent === '';
  const rest = segments.slice(index + 1);
  const suggestion = suggest();
  const listing = atRoot
    ? `Declared variables: ${siblings.join(', ') || 'none'}.`
    : `${capitalize(labelOf(parent[0]!, writtenParent))} declares ${siblings.length ? siblings.join(', ') : 'no properties'}.`;
  return {
    message: atRoot
      ? `Unknown variable "${written}" in ${file}.`
      : `Unknown variable "${written}" in ${file}: ${labelOf(parent[0]!, writtenParent)} declares no property "${name}".`,
    hint: [suggestion ? `Did you mean "${suggestion}"?` : undefined, listing, suggestion ? undefined : 'Declare it in prompt.yaml if the template needs it.']
      .filter(Boolean)
      .join(' '),
    path,
  };

  function suggest(): string | undefined {
    const typo = closest(name, siblings);
    if (typo) {
      const rebuilt = [...segments.slice(0, index), typo];
      const continues = walk(parent, [typo, ...rest], spelling, scope, file).ok;
      return spell(continues ? [...rebuilt, ...rest] : rebuilt);
    }
    const unqualified = index === 0 && spelling.prefix === '' && spelling.head.length === 0;
    if (!unqualified) return undefined;
    // Inside {{#each}} or {{#with}} the context is no longer the top-level variables; a common slip.
    if (!atRoot) return walk(rootValue(scope), segments, spelling, scope, file).ok ? `@root.${segments.join('.')}` : undefined;
    // {{name}} for {{customer.name}}: the author forgot which object holds it.
    const holder = nestedPaths(objects).find((candidate) => candidate.endsWith(`.${name}`));
    return holder && walk(parent, [...holder.split('.'), ...rest], spelling, scope, file).ok ? [holder, ...rest].join('.') : holder;
  }
}

/** Dotted paths to nested properties, shallowest first; list items are left out, as they need {{#each}}. */
function nestedPaths(objects: readonly ObjectNode[]): string[] {
  const paths: string[] = [];
  let level = objects.map((node) => ({ node: node as SchemaNode, path: '' }));
  while (level.length > 0) {
    const next: { node: SchemaNode; path: string }[] = [];
    for (const { node, path } of level) {
      if (node.type !== 'object') continue;
      for (const [name, property] of Object.entries(node.properties)) {
        const child = path ? `${path}.${name}` : name;
        if (path) paths.push(child);
        next.push({ node: property, path: child });
      }
    }
    level = next;
  }
  return paths;
}

function labelOf(binding: Binding, written: string): string {
  const path = binding.path;
  if (path === '') return 'the top-level variables';
  if (path === undefined) return `"${written}"`;
  return path.endsWith('[]') ? `"${path}" (an item of ${path.slice(0, -2)})` : `"${path}"`;
}

function spellingPrefix(original: string): string {
  return /^(?:(?:\.\.\/)+|this[./]|\.\/)/.exec(original)?.[0] ?? '';
}

function capitalize(text: string): string {
  return text.startsWith('"') ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

function failure(problem: Problem): Resolution {
  return { ok: false, problem };
}
