import type { ObjectNode, SchemaNode } from '@promptpack/spec';
import { report, reportProblem, use, type AnalysisContext } from './analysis-context.js';
import type { Binding, Value } from './binding.js';
import { analyzeCall } from './analyze-helpers.js';
import { resolvePath, type Unguarded } from './resolve-path.js';
import type { Scope } from './scope.js';

/** Analyses a parameter and returns what it evaluates to; undefined when it is in error. */
export function analyzeExpression(context: AnalysisContext, node: hbs.AST.Expression, scope: Scope): Value | undefined {
  switch (node.type) {
    case 'PathExpression': {
      const resolved = resolvePath(node as hbs.AST.PathExpression, scope, context.origin.fileName);
      if (!resolved.ok) {
        reportProblem(context, node, resolved.problem);
        return undefined;
      }
      use(context, resolved.value);
      reportUnguardedOptional(context, node as hbs.AST.PathExpression, resolved.unguarded, false);
      return resolved.value;
    }
    case 'SubExpression': {
      const sub = node as hbs.AST.SubExpression;
      return analyzeCall(context, sub.path, sub.params, sub.hash?.pairs ?? [], scope);
    }
    case 'StringLiteral':
      return [{ node: { type: 'string' } }];
    case 'NumberLiteral':
      return [{ node: { type: 'number' } }];
    case 'BooleanLiteral':
      return [{ node: { type: 'boolean' } }];
    default:
      return 'unknown';
  }
}

/** Optional values the path reads while nothing makes sure they were passed; `printed` when a missing last part throws too. */
export function reportUnguardedOptional(context: AnalysisContext, at: hbs.AST.PathExpression, crossings: readonly Unguarded[], printed: boolean): void {
  const throwing = printed ? crossings : crossings.filter((crossing) => !crossing.last);
  const [first] = throwing;
  if (!first) return;
  const usage = printed ? `{{${at.original}}}` : context.statement;
  const named = first.path === first.written ? `"${first.written}"` : `"${first.written}" (${first.path})`;
  const opening = throwing.map((crossing) => `{{#if ${crossing.written}}}`).join('');
  const closing = '{{/if}}'.repeat(throwing.length);
  report(context, 'template/unguarded-optional', at, {
    message: `${named} is optional, so ${usage} throws when it is not passed.`,
    hint: `Wrap it: ${opening}…${usage}…${closing}, or make ${throwing.length === 1 ? 'it' : 'them'} required in prompt.yaml.`,
    path: first.path,
  });
}

/** Reports a value printed with {{…}} that does not print as text: a whole object or list. */
export function reportUnprintable(context: AnalysisContext, at: hbs.AST.PathExpression, value: Value, written: string): void {
  if (value === 'unknown') return;
  const binding = value.find((candidate) => candidate.node.type === 'object' || candidate.node.type === 'array');
  if (!binding) return;
  const isList = binding.node.type === 'array';
  report(context, 'template/not-printable', at, {
    message: isList
      ? `{{${written}}} prints a whole list, which renders as its items joined by commas.`
      : `{{${written}}} prints a whole object, which renders as "[object Object]".`,
    expected: 'a string, number or boolean',
    hint: printHint(binding, written),
    ...(binding.path ? { path: binding.path } : {}),
  });
}

function printHint(binding: Binding, written: string): string {
  const isPath = !written.includes(' ');
  if (binding.node.type === 'array') {
    return `Loop over it: {{#each ${isPath ? written : `(${written})`}}}…{{/each}}.`;
  }
  const node = binding.node as ObjectNode;
  const example = Object.entries(node.properties).find(([, property]) => isScalar(property))?.[0];
  if (!example) return 'Print one of its properties instead.';
  if (!isPath) return `Print one of its properties, e.g. {{#with (${written})}}{{${example}}}{{/with}}.`;
  const base = written === 'this' || written === '.' ? '' : `${written}.`;
  return `Print one of its properties, e.g. {{${base}${example}}}.`;
}

function isScalar(node: SchemaNode): boolean {
  return node.type !== 'object' && node.type !== 'array';
}
