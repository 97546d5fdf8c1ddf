import type { Diagnostic } from '@promptpack/spec';
import type { Include } from '../shared/find-includes.js';
import type { AnalyzeTemplateOptions } from './analyze-template-options.js';
import type { Value } from './binding.js';
import type { Problem } from './resolve-path.js';
import type { Scope } from './scope.js';
import { locationOf } from './template-text.js';
import { withPrefixes } from './variable-path.js';

/** Where problems are reported: the template, or the shared section being analysed where the policy includes it. */
export interface Origin {
  /** The file's name alone (template.hbs), for messages; the location prefix carries the full path. */
  readonly fileName: string;
  /** The file's path as diagnostics give it. */
  readonly reportedFile: string;
  /** Said after every message about a shared section's text: which prompt included it, and where; '' outside one. */
  readonly includedBy: string;
  /** The section being analysed, if any: includes inside a section are rejected, so analysis never recurses. */
  readonly section: string | undefined;
}

/**
 * The visitor's entry points for nested nodes. The files by concern (blocks,
 * paths, helpers, partials) reach each other through these instead of
 * importing each other, so they form no import cycle.
 */
export interface Visit {
  program(body: hbs.AST.Program | undefined, scope: Scope): void;
  /** What a parameter evaluates to; undefined when it is in error (already reported). */
  expression(node: hbs.AST.Expression, scope: Scope): Value | undefined;
}

/**
 * What the analysis of one template shares between nodes. The scope is not
 * here: it depends on the position in the template, so every visit takes
 * the scope it runs in.
 */
export interface AnalysisContext {
  /** The template analysed, as given. */
  readonly file: string;
  readonly options: AnalyzeTemplateOptions;
  /** Every problem found, in the order found. */
  readonly diagnostics: Diagnostic[];
  /** Declared variable paths the template references (see TemplateAnalysis). */
  readonly usedPaths: Set<string>;
  /** The template's `{{> name}}` tags, with what Handlebars' whitespace rules make of each. */
  readonly includes: ReadonlyMap<hbs.AST.Node, Include>;
  /** {{else if …}} blocks, which Handlebars parses as a block nested in the else branch. */
  readonly chained: WeakSet<hbs.AST.Node>;
  origin: Origin;
  /** The tag being analysed, as written ({{#if customer.email}}), for messages about its arguments. */
  statement: string;
  /** Tells each pass over a list apart, so one item's guards do not cover another's (see Binding.key). */
  iterations: number;
  readonly visit: Visit;
}

export type Details = Omit<Diagnostic, 'code' | 'severity' | 'file' | 'line' | 'column'>;

export function report(context: AnalysisContext, code: Diagnostic['code'], node: hbs.AST.Node, details: Details): void {
  const { includedBy, reportedFile } = context.origin;
  const message = includedBy ? `${details.message} ${includedBy}` : details.message;
  context.diagnostics.push({ code, severity: 'error', file: reportedFile, ...locationOf(node), ...details, message });
}

export function reportProblem(context: AnalysisContext, node: hbs.AST.Node, problem: Problem): void {
  report(context, 'template/unknown-variable', node, problem);
}

/** Records the declared paths a value was read from, with every path leading to them. */
export function use(context: AnalysisContext, value: Value): void {
  if (value === 'unknown') return;
  for (const binding of value) if (binding.path) for (const path of withPrefixes(binding.path)) context.usedPaths.add(path);
}

/** A name for the next pass over a list, `#3` for {{#each}} and `?3` for a computed lookup. */
export function nextIteration(context: AnalysisContext, sigil: '#' | '?'): string {
  context.iterations += 1;
  return `${sigil}${context.iterations}`;
}
