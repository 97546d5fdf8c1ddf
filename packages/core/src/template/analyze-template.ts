import { sortDiagnostics, type Diagnostic, type ObjectNode } from '@promptpack/spec';
import { findIncludes } from '../shared/find-includes.js';
import type { AnalysisContext } from './analysis-context.js';
import type { AnalyzeTemplateOptions } from './analyze-template-options.js';
import { analyzeExpression } from './analyze-paths.js';
import { parseTemplate } from './parse-template.js';
import { rootScope } from './scope.js';
import { baseName } from './template-text.js';
import { visitProgram } from './visit-template.js';

export type { AnalyzeTemplateOptions, IncludableSection } from './analyze-template-options.js';

export interface TemplateAnalysis {
  diagnostics: Diagnostic[];
  /**
   * Declared variable paths the template references. Notation: dotted
   * properties, `[]` for array items: 'customer', 'customer.name', 'orders',
   * 'orders[]', 'orders[].id'. Referencing a path marks all its prefixes too.
   */
  usedPaths: Set<string>;
}

/**
 * Checks a Handlebars template (template.hbs, policy.md) against the declared
 * variables before anything renders: parse errors, unknown variables and
 * helpers, values that cannot be printed, optional values read where a
 * missing one throws, all at exact line:column. Reports every problem it
 * finds; only a parse error stops the analysis.
 *
 * Optional values follow Handlebars 4.7 with `strict: true`: printing a
 * path ({{a.b}}, {{this.b}}, {{@root.b}}) throws when any part of it is
 * missing; a helper argument ({{#if a.b}}, {{#each a.b}}, (lookup a.b 0))
 * and a block param path ({{item.b}}) throw only when a part before the
 * last is missing, as they read the last one leniently. A value is present
 * inside {{#if v}}, {{#with v}}, {{#each v}} and {{#unless v}}…{{else}}.
 *
 * With `options.shared`, `{{> name}}` on a line of its own includes a shared
 * section: the section is checked against these variables where it is
 * included, and its problems are reported at the section's own file:line:col.
 *
 * A visitor over the Handlebars AST: visit-template.ts dispatches each
 * statement to the file for its concern (analyze-mustache, -blocks,
 * -partials; -paths and -helpers for expressions), which share one
 * AnalysisContext.
 */
export function analyzeTemplate(file: string, source: string, variables: ObjectNode, options: AnalyzeTemplateOptions = {}): TemplateAnalysis {
  const usedPaths = new Set<string>();
  const parsed = parseTemplate(file, source);
  if (!parsed.program) return { diagnostics: parsed.diagnostics, usedPaths };
  const context: AnalysisContext = {
    file,
    options,
    diagnostics: [],
    usedPaths,
    includes: new Map(findIncludes(parsed.program).map((include) => [include.node, include])),
    chained: new WeakSet(),
    origin: { fileName: baseName(file), reportedFile: file, includedBy: '', section: undefined },
    statement: '',
    iterations: 0,
    visit: {
      program: (body, scope) => visitProgram(context, body, scope),
      expression: (node, scope) => analyzeExpression(context, node, scope),
    },
  };
  visitProgram(context, parsed.program, rootScope(variables));
  return { diagnostics: sortDiagnostics(unique(context.diagnostics)), usedPaths };
}

// A section included twice reports each of its problems once.
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify([diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.path]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
