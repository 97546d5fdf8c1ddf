import { report, type AnalysisContext } from './analysis-context.js';
import { analyzeBlock } from './analyze-blocks.js';
import { analyzeMustache } from './analyze-mustache.js';
import { analyzeInclude, reportPartialBlock } from './analyze-partials.js';
import type { Scope } from './scope.js';

/** Visits every statement of a program (a template, a block's body or else branch) in `scope`. */
export function visitProgram(context: AnalysisContext, body: hbs.AST.Program | undefined, scope: Scope): void {
  for (const statement of body?.body ?? []) visitStatement(context, statement, scope);
}

function visitStatement(context: AnalysisContext, statement: hbs.AST.Statement, scope: Scope): void {
  switch (statement.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement':
      return analyzeMustache(context, statement as hbs.AST.MustacheStatement, scope);
    case 'BlockStatement':
      return analyzeBlock(context, statement as hbs.AST.BlockStatement, scope);
    case 'PartialStatement':
      return analyzeInclude(context, statement as hbs.AST.PartialStatement, scope);
    case 'PartialBlockStatement':
      return reportPartialBlock(context, statement as unknown as hbs.AST.PartialBlockStatement);
    case 'Decorator':
    case 'DecoratorBlock':
      report(context, 'template/syntax', statement, {
        message: 'Decorators ({{* …}}, {{#* inline}}) are not supported.',
        hint: 'Write the text into the template itself.',
      });
      return;
    default:
      report(context, 'template/syntax', statement, { message: `Unsupported Handlebars construct ${statement.type}.` });
  }
}
