import { nextIteration, report, type AnalysisContext } from './analysis-context.js';
import { describeNode, type Value } from './binding.js';
import { blockHelpers, builtInHelperList, valueHelpers } from './built-in-helpers.js';
import { elementsOf } from './member-access.js';
import { resolvePath } from './resolve-path.js';
import { assumePresent, bindBlockParams, enterBlock, type Scope } from './scope.js';
import { expressionText, isSimpleName } from './template-text.js';

/**
 * `{{#if}}`, `{{#unless}}`, `{{#each}}`, `{{#with}}`: checks the subject, then
 * each branch in the scope Handlebars renders it in. Any other block is
 * reported, and its branches analysed as opaque.
 */
export function analyzeBlock(context: AnalysisContext, statement: hbs.AST.BlockStatement, scope: Scope): void {
  const callee = statement.path;
  const name = callee.original;
  const pairs = statement.hash?.pairs ?? [];
  // {{^list}}…{{/list}} has only an inverse: the grammar leaves `program` out.
  const body = statement.program as hbs.AST.Program | undefined;
  const inverse = statement.inverse as hbs.AST.Program | undefined;
  // Handlebars marks the else branch that holds an {{else if …}} as `chained`; the types leave it out.
  if ((inverse as { chained?: boolean } | undefined)?.chained && inverse?.body[0]) context.chained.add(inverse.body[0]);
  context.statement = `{{${context.chained.has(statement) ? 'else ' : '#'}${[name, ...statement.params.map(expressionText)].join(' ')}}}`;
  const { visit } = context;
  if (!isSimpleName(callee) || !blockHelpers.has(name)) {
    for (const param of statement.params) visit.expression(param, scope);
    for (const pair of pairs) visit.expression(pair.value, scope);
    reportUnknownBlock(context, callee, statement.params.length === 0 ? scope : undefined);
    const opaque = enterBlock(scope, { context: 'unknown', dataFrame: 'unknown' });
    visit.program(body, opaque);
    visit.program(inverse, opaque);
    return;
  }
  for (const pair of pairs) visit.expression(pair.value, scope);
  const [subject] = statement.params;
  if (statement.params.length !== 1 || !subject) {
    for (const param of statement.params) visit.expression(param, scope);
    report(context, 'template/syntax', statement, {
      message: `{{#${name}}} takes exactly one argument, got ${statement.params.length}.`,
      expected: `{{#${name} ${name === 'each' ? 'list' : name === 'with' ? 'object' : 'condition'}}}`,
      hint: name === 'if' || name === 'unless' ? 'Combine conditions by nesting blocks: {{#if a}}{{#if b}}…{{/if}}{{/if}}.' : `Pass one variable, e.g. {{#${name} customer}}.`,
    });
    const opaque = enterBlock(scope, { context: 'unknown', dataFrame: 'unknown' });
    visit.program(body, name === 'if' || name === 'unless' ? scope : opaque);
    visit.program(inverse, scope);
    return;
  }
  const value = visit.expression(subject, scope);
  // Each body renders only for a truthy (so passed) subject, {{#unless}}'s else branch too.
  const present = assumePresent(scope, value);
  if (name === 'unless') {
    visit.program(body, scope);
    visit.program(inverse, present);
    return;
  }
  if (name === 'if') {
    visit.program(body, present);
  } else if (name === 'with') {
    const blockContext = value ?? 'unknown';
    visit.program(body, enterBlock(present, { context: blockContext, blockParams: bindBlockParams(body?.blockParams, [blockContext]) }));
  } else {
    visit.program(body, eachScope(context, subject, value, body?.blockParams, present));
  }
  // The else branch of {{#each}} and {{#with}} renders in the outer context.
  visit.program(inverse, scope);
}

/** The scope inside {{#each subject}}: an item as the context, @index/@key/@first/@last, and the block params. */
function eachScope(context: AnalysisContext, subject: hbs.AST.Expression, value: Value | undefined, names: string[] | undefined, scope: Scope): Scope {
  let items: Value = 'unknown';
  let key: Value = 'unknown';
  if (value !== undefined && value !== 'unknown') {
    const iteration = nextIteration(context, '#');
    const iterable = value.flatMap((binding) => elementsOf(binding, iteration) ?? []);
    if (iterable.length === 0) {
      const binding = value[0]!;
      const text = expressionText(subject);
      report(context, 'template/unknown-variable', subject, {
        message: `{{#each ${text}}} needs a list or an object, but "${text}" is ${describeNode(binding.node)}.`,
        hint: `Use {{#if ${text}}} to test it or {{${text}}} to print it, or declare it as a list (type: array) in prompt.yaml.`,
        path: binding.path || text,
      });
    } else {
      const found = iterable.flatMap((entry) => entry.items);
      // An object without properties iterates nothing, so nothing inside can be wrong.
      items = found.length > 0 ? found : 'unknown';
      key = [...new Map(iterable.map((entry) => [entry.key.type, { node: entry.key }])).values()];
    }
  }
  const data = new Map<string, Value>([
    ['index', [{ node: { type: 'integer' } }]],
    ['key', key],
    ['first', [{ node: { type: 'boolean' } }]],
    ['last', [{ node: { type: 'boolean' } }]],
  ]);
  return enterBlock(scope, { context: items, dataFrame: data, blockParams: bindBlockParams(names, [items, key]) });
}

// A block named after a variable ({{#customer}}) is legal Handlebars, but what it does
// depends on the value's type at runtime; the built-ins say it explicitly.
function reportUnknownBlock(context: AnalysisContext, callee: hbs.AST.PathExpression, scope: Scope | undefined): void {
  if (isSimpleName(callee) && valueHelpers.has(callee.original)) {
    report(context, 'template/unknown-helper', callee, {
      message: `"${callee.original}" returns a value and takes no block.`,
      expected: `{{#with (${callee.original} …)}}…{{/with}}`,
      hint: `Wrap it in a block helper, e.g. {{#with (${callee.original} customer "name")}}…{{/with}}, or print it with {{${callee.original} … …}}.`,
      path: callee.original,
    });
    return;
  }
  const isVariable = scope !== undefined && resolvePath(callee, scope, context.origin.fileName).ok;
  report(context, 'template/unknown-helper', callee, {
    message: isVariable
      ? `{{#${callee.original}}} uses a variable as a block; say what the block does with a built-in helper.`
      : `Unknown block helper "${callee.original}" in {{#${callee.original} …}}.`,
    hint: isVariable
      ? `Write {{#each ${callee.original}}}, {{#with ${callee.original}}} or {{#if ${callee.original}}} instead.`
      : `Only Handlebars' built-in helpers (${builtInHelperList}) are available.`,
    path: callee.original,
  });
}
