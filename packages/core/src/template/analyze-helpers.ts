import { nextIteration, report, reportProblem, use, type AnalysisContext } from './analysis-context.js';
import type { Value } from './binding.js';
import { blockHelpers, builtInHelperList, valueHelpers } from './built-in-helpers.js';
import { elementsOf } from './member-access.js';
import { walk } from './resolve-path.js';
import type { Scope } from './scope.js';
import { expressionText, isSimpleName } from './template-text.js';

/** Analyses a helper call and returns its result, or undefined when it fails or is not a value helper. */
export function analyzeCall(
  context: AnalysisContext,
  callee: hbs.AST.PathExpression,
  params: hbs.AST.Expression[],
  pairs: hbs.AST.HashPair[],
  scope: Scope,
): Value | undefined {
  const name = callee.original;
  if (isSimpleName(callee) && valueHelpers.has(name)) return analyzeLookup(context, callee, params, pairs, scope);
  for (const param of params) context.visit.expression(param, scope);
  for (const pair of pairs) context.visit.expression(pair.value, scope);
  if (isSimpleName(callee) && blockHelpers.has(name)) {
    report(context, 'template/unknown-helper', callee, {
      message: `"${name}" is a block helper and cannot be used inline.`,
      expected: `{{#${name} …}}…{{/${name}}}`,
      hint: `Write {{#${name} ${params.map(expressionText).join(' ') || '…'}}}…{{/${name}}}.`,
      path: name,
    });
    return undefined;
  }
  reportUnknownHelper(context, callee, `{{${name} …}}`);
  return 'unknown';
}

function analyzeLookup(
  context: AnalysisContext,
  callee: hbs.AST.PathExpression,
  params: hbs.AST.Expression[],
  pairs: hbs.AST.HashPair[],
  scope: Scope,
): Value | undefined {
  for (const pair of pairs) context.visit.expression(pair.value, scope);
  const [target, key] = params;
  if (params.length !== 2 || !target || !key) {
    for (const param of params) context.visit.expression(param, scope);
    report(context, 'template/syntax', callee, {
      message: `lookup takes exactly two arguments, got ${params.length}.`,
      expected: '(lookup value key), e.g. (lookup orders @index) or (lookup customer "name")',
      hint: 'Pass the object or list first and the property name or position second.',
    });
    return undefined;
  }
  const value = context.visit.expression(target, scope);
  if (value === undefined || value === 'unknown') {
    context.visit.expression(key, scope);
    return value;
  }
  if (key.type === 'StringLiteral' || key.type === 'NumberLiteral') {
    const name = String((key as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value);
    // lookup reads its key leniently: a missing property gives undefined, so `resolved.unguarded` cannot throw.
    const resolved = walk(value, [name], { prefix: `${expressionText(target)}.`, head: [] }, scope, context.origin.fileName);
    if (!resolved.ok) {
      reportProblem(context, key, resolved.problem);
      return undefined;
    }
    use(context, resolved.value);
    return resolved.value;
  }
  context.visit.expression(key, scope);
  // A computed key can name any property or any item, so the result is any of them.
  const iteration = nextIteration(context, '?');
  const candidates = value.flatMap((binding) => elementsOf(binding, iteration)?.items ?? []);
  if (candidates.length === 0) return 'unknown';
  use(context, candidates);
  return candidates;
}

export function reportUnknownHelper(context: AnalysisContext, callee: hbs.AST.PathExpression, usage: string): void {
  report(context, 'template/unknown-helper', callee, {
    message: `Unknown helper "${callee.original}" in ${usage}.`,
    hint: `Only Handlebars' built-in helpers (${builtInHelperList}) are available. Prepare the value in the variables instead, e.g. pass it already formatted.`,
    path: callee.original,
  });
}
