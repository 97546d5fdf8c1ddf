import { preview } from './preview.js';
import type { Issue } from './prompt-definition.js';
import { describeCause } from './quote.js';

/**
 * One line per problem, `root.path: what was expected, what was received`;
 * an unknown key gets a line of its own. Describing reads the input again
 * (getters, proxies): whatever that throws, the error still gets built.
 */
export function describeIssues(issues: readonly Issue[], root: string, input: unknown): string[] {
  try {
    return describeEachIssue(issues, root, input);
  } catch (error) {
    return [`${root}: ${count(issues, 'issue')} that cannot be described (${describeCause(error)})`];
  }
}

/** `3 issues`, `1 issue`. */
export function count(items: readonly unknown[], noun: string): string {
  return `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
}

function describeEachIssue(issues: readonly Issue[], root: string, input: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`${formatPath(root, [...issue.path, key])}: unknown key, not declared in the schema (check its spelling)`);
    } else {
      lines.push(`${formatPath(root, issue.path)}: ${describeIssue(issue, valueAt(input, issue.path))}`);
    }
  }
  return lines;
}

/** `variables.orders[0].sku`: the path as a JavaScript reader would write it. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let text = root;
  for (const segment of path) text += typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
  return text;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  try {
    for (const segment of path) {
      if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<PropertyKey, unknown>)[segment];
    }
  } catch {
    // A getter or a proxy trap threw: the message then says "received undefined" rather than fail.
    return undefined;
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function describeIssue(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      return `expected ${expected}, received ${kindOf(value)}${value === undefined ? ' (it is required)' : ''}`;
    }
    case 'invalid_value':
      return `${issue.values.length === 1 ? `expected ${preview(issue.values[0])}` : `expected one of ${issue.values.map(preview).join(' | ')}`}, received ${preview(value)}`;
    case 'too_small':
      return describeBound(issue.origin, issue.minimum, issue.inclusive ? 'at least' : 'more than', issue.inclusive ? '>=' : '>', value);
    case 'too_big':
      return describeBound(issue.origin, issue.maximum, issue.inclusive ? 'at most' : 'fewer than', issue.inclusive ? '<=' : '<', value);
    case 'invalid_format':
      return issue.format === 'regex' ? `expected a string matching ${issue.pattern}, received ${preview(value)}` : `expected a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function describeBound(origin: string, limit: number | bigint, words: string, operator: string, value: unknown): string {
  if (origin === 'string') return `expected ${words} ${limit} characters, received ${typeof value === 'string' ? value.length : kindOf(value)}`;
  if (origin === 'array') return `expected ${words} ${limit} items, received ${Array.isArray(value) ? value.length : kindOf(value)}`;
  return `expected a number ${operator} ${limit}, received ${preview(value)}`;
}
