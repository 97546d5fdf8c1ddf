import { reportProblem, use, type AnalysisContext } from './analysis-context.js';
import { analyzeCall } from './analyze-helpers.js';
import { reportUnguardedOptional, reportUnprintable } from './analyze-paths.js';
import { isBuiltInHelper } from './built-in-helpers.js';
import { resolvePath } from './resolve-path.js';
import type { Scope } from './scope.js';
import { expressionText, isSimpleName } from './template-text.js';

/** `{{value}}` or `{{helper …}}`: what it prints must exist, be passed when it is read, and print as text. */
export function analyzeMustache(context: AnalysisContext, statement: hbs.AST.MustacheStatement, scope: Scope): void {
  const { path } = statement;
  if (path.type !== 'PathExpression') return; // {{"text"}}, {{true}}: literals print as themselves.
  const callee = path as hbs.AST.PathExpression;
  const pairs = statement.hash?.pairs ?? [];
  context.statement = `{{${[callee.original, ...statement.params.map(expressionText)].join(' ')}}}`;
  // Like Handlebars: arguments make a helper call, and a bare name that is a helper calls it.
  if (statement.params.length > 0 || pairs.length > 0 || (isSimpleName(callee) && isBuiltInHelper(callee.original))) {
    const value = analyzeCall(context, callee, statement.params, pairs, scope);
    if (value) reportUnprintable(context, callee, value, [callee.original, ...statement.params.map(expressionText)].join(' '));
    return;
  }
  const resolved = resolvePath(callee, scope, context.origin.fileName);
  if (!resolved.ok) return reportProblem(context, callee, resolved.problem);
  use(context, resolved.value);
  reportUnguardedOptional(context, callee, resolved.unguarded, true);
  reportUnprintable(context, callee, resolved.value, callee.original);
}
