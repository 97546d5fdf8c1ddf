import { type Diagnostic, type ObjectNode, type SchemaNode, sortDiagnostics } from '@promptpack/spec';
import type { Binding, Value } from './binding.js';
import { describeNode } from './binding.js';
import { blockHelpers, builtInHelperList, isBuiltInHelper, valueHelpers } from './built-in-helpers.js';
import { elementsOf } from './member-access.js';
import { findIncludes, sharedSectionNamePattern, type Include } from '../shared/find-includes.js';
import { parseTemplate } from './parse-template.js';
import { resolvePath, walk, type Problem, type Unguarded } from './resolve-path.js';
import { assumePresent, bindBlockParams, enterBlock, rootScope, type Scope } from './scope.js';
import { closest } from './suggest.js';
import { withPrefixes } from './variable-path.js';

export interface TemplateAnalysis {
  diagnostics: Diagnostic[];
  /**
   * Declared variable paths the template references. Notation: dotted
   * properties, `[]` for array items: 'customer', 'customer.name', 'orders',
   * 'orders[]', 'orders[].id'. Referencing a path marks all its prefixes too.
   */
  usedPaths: Set<string>;
}

/** A shared section a template may include, as the loader found it. */
export interface IncludableSection {
  /** Path of the section's file as it appears in diagnostics (`prompts/_shared/safety.md`). */
  file: string;
  text: string;
}

export interface AnalyzeTemplateOptions {
  /**
   * The shared sections this template may include with `{{> name}}`; only
   * policy.md gets them. Left out, any include is an error (template.hbs).
   */
  shared?: {
    /** The sections the template includes that exist, by name, with their text. */
    sections: ReadonlyMap<string, IncludableSection>;
    /** Every section name that exists, for the hint when an include names none of them. */
    available: readonly string[];
    /** The prompt whose policy this is, named in problems found inside a section. */
    promptId: string;
  };
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
 */
export function analyzeTemplate(file: string, source: string, variables: ObjectNode, options: AnalyzeTemplateOptions = {}): TemplateAnalysis {
  const usedPaths = new Set<string>();
  // Messages name the file only (template.hbs); the location prefix carries the full path.
  let fileName = baseName(file);
  let reportedFile = file;
  /** Said after every message about a shared section's text: which prompt included it, and where. */
  let includedBy = '';
  const parsed = parseTemplate(file, source);
  if (!parsed.program) return { diagnostics: parsed.diagnostics, usedPaths };
  const diagnostics: Diagnostic[] = [];
  const includes = new Map<hbs.AST.Node, Include>(findIncludes(parsed.program).map((include) => [include.node, include]));
  /** The section being analysed, if any: includes inside a section are rejected, so analysis never recurses. */
  let insideSection: string | undefined;

  const report = (code: Diagnostic['code'], node: hbs.AST.Node, details: Omit<Diagnostic, 'code' | 'severity' | 'file' | 'line' | 'column'>) => {
    const message = includedBy ? `${details.message} ${includedBy}` : details.message;
    diagnostics.push({ code, severity: 'error', file: reportedFile, ...locationOf(node), ...details, message });
  };

  const use = (value: Value) => {
    if (value === 'unknown') return;
    for (const binding of value) if (binding.path) for (const path of withPrefixes(binding.path)) usedPaths.add(path);
  };

  const reportProblem = (node: hbs.AST.Node, problem: Problem) => report('template/unknown-variable', node, problem);

  /** The tag being analysed, as written ({{#if customer.email}}), for messages about its arguments. */
  let statementText = '';
  /** {{else if …}} blocks, which Handlebars parses as a block nested in the else branch. */
  const chained = new WeakSet<hbs.AST.Node>();
  /** Tells each pass over a list apart, so one item's guards do not cover another's (see Binding.key). */
  let iterations = 0;

  /** Optional values the path reads while nothing makes sure they were passed; `printed` when a missing last part throws too. */
  function unguardedOptional(at: hbs.AST.PathExpression, crossings: readonly Unguarded[], printed: boolean): void {
    const throwing = printed ? crossings : crossings.filter((crossing) => !crossing.last);
    const [first] = throwing;
    if (!first) return;
    const usage = printed ? `{{${at.original}}}` : statementText;
    const named = first.path === first.written ? `"${first.written}"` : `"${first.written}" (${first.path})`;
    const opening = throwing.map((crossing) => `{{#if ${crossing.written}}}`).join('');
    const closing = '{{/if}}'.repeat(throwing.length);
    report('template/unguarded-optional', at, {
      message: `${named} is optional, so ${usage} throws when it is not passed.`,
      hint: `Wrap it: ${opening}…${usage}…${closing}, or make ${throwing.length === 1 ? 'it' : 'them'} required in prompt.yaml.`,
      path: first.path,
    });
  }

  function program(body: hbs.AST.Program | undefined, scope: Scope): void {
    for (const statement of body?.body ?? []) visit(statement, scope);
  }

  function visit(statement: hbs.AST.Statement, scope: Scope): void {
    switch (statement.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement':
        return mustache(statement as hbs.AST.MustacheStatement, scope);
      case 'BlockStatement':
        return block(statement as hbs.AST.BlockStatement, scope);
      case 'PartialStatement':
        return include(statement as hbs.AST.PartialStatement, scope);
      case 'PartialBlockStatement': {
        const partial = statement as unknown as hbs.AST.PartialBlockStatement;
        const name = expressionText(partial.name);
        report('template/syntax', statement, {
          message: `Partial blocks such as {{#> ${name}}}…{{/${name}}} are not supported yet.`,
          hint: options.shared ? `Include a shared section on a line of its own with {{> ${name}}}.` : 'Write the text into the template itself.',
        });
        return;
      }
      case 'Decorator':
      case 'DecoratorBlock':
        report('template/syntax', statement, {
          message: 'Decorators ({{* …}}, {{#* inline}}) are not supported.',
          hint: 'Write the text into the template itself.',
        });
        return;
      default:
        report('template/syntax', statement, { message: `Unsupported Handlebars construct ${statement.type}.` });
    }
  }

  /** `{{> name}}`: checks the include itself, then the section's text where it is included. */
  function include(statement: hbs.AST.PartialStatement, scope: Scope): void {
    const written = `{{> ${[expressionText(statement.name), ...statement.params.map(expressionText)].join(' ')}${statement.hash ? ' …' : ''}}}`;
    const shared = options.shared;
    if (!shared || insideSection !== undefined) {
      report('template/syntax', statement, insideSection !== undefined
        ? {
            message: `${written} includes a shared section inside the shared section "${insideSection}"; sections cannot include other sections.`,
            hint: `Include both sections from the prompt's policy.md, one after the other, or merge their text.`,
          }
        : {
            message: `${written} includes a shared section, but ${fileName} cannot include shared sections: only policy.md can.`,
            hint: `Include it from policy.md (the system message), or write the text into ${fileName} itself; shared sections hold policy text that legal reviews.`,
          });
      return;
    }
    const found = includes.get(statement);
    const name = found?.name;
    if (name === undefined || statement.params.length > 0 || statement.hash) {
      report('template/syntax', statement, {
        message: `${written} is not a plain include: a shared section is included by its name alone, without arguments.`,
        expected: '{{> name}}, e.g. {{> safety}}',
        hint: 'Sections read the same variables as the policy that includes them; pass nothing to them.',
      });
      return;
    }
    const strip = (statement as { strip?: { open?: boolean; close?: boolean } }).strip ?? {};
    if (strip.open || strip.close) {
      report('template/syntax', statement, {
        message: `${written} uses "~" to strip whitespace; a shared section is included as whole lines.`,
        expected: `{{> ${name}}} on a line of its own`,
        hint: `Write {{> ${name}}} without "~", alone on its line.`,
      });
      return;
    }
    const section = shared.sections.get(name);
    if (!section) {
      const suggestion = closest(name, shared.available);
      report('template/unknown-partial', statement, {
        message: `Unknown shared section "${name}" in ${written}: there is no ${sharedDir(file)}/${name}.md.`,
        hint: [
          suggestion ? `Did you mean {{> ${suggestion}}}?` : undefined,
          shared.available.length > 0
            ? `Shared sections available: ${shared.available.join(', ')}.`
            : `There are no shared sections yet; create ${sharedDir(file)}/${name}.md to add one.`,
          sharedSectionNamePattern.test(name) ? undefined : 'Section names are kebab-case, like their file names (no-advice.md is {{> no-advice}}).',
        ].filter(Boolean).join(' '),
        path: name,
      });
      return;
    }
    if (!found?.standalone) {
      report('template/syntax', statement, {
        message: `${written} shares its line with other text; a shared section is included as whole lines.`,
        expected: `{{> ${name}}} alone on its line`,
        hint: `Put {{> ${name}}} on a line of its own, with the text before and after it on the lines around it.`,
      });
      return;
    }
    // Handlebars renders a partial with the current context but none of the
    // enclosing contexts or block params, where inlined text would see them; only
    // where the two agree is the effective policy exactly what renders.
    if (scope.contexts.length !== 1 || scope.blockParams.length > 0 || scope.dataFrames.length !== 1) {
      report('template/syntax', statement, {
        message: `${written} is inside {{#each}} or {{#with}}; shared sections are included at the top level of the policy, or inside {{#if}} and {{#unless}}.`,
        hint: `Move {{> ${name}}} out of the block, or write the repeated text in policy.md itself.`,
      });
      return;
    }
    const parsedSection = parseTemplate(section.file, section.text);
    if (!parsedSection.program) {
      for (const problem of parsedSection.diagnostics) diagnostics.push({ ...problem, message: `${problem.message} ${describeInclude(name, statement)}` });
      return;
    }
    const saved = { fileName, reportedFile, includedBy };
    fileName = baseName(section.file);
    reportedFile = section.file;
    includedBy = describeInclude(name, statement);
    insideSection = name;
    try {
      program(parsedSection.program, scope);
    } finally {
      ({ fileName, reportedFile, includedBy } = saved);
      insideSection = undefined;
    }
  }

  function describeInclude(name: string, statement: hbs.AST.PartialStatement): string {
    const at = locationOf(statement);
    return `(shared section "${name}", as included by prompt "${options.shared?.promptId}" at ${file}:${at.line}:${at.column})`;
  }

  function mustache(statement: hbs.AST.MustacheStatement, scope: Scope): void {
    const { path } = statement;
    if (path.type !== 'PathExpression') return; // {{"text"}}, {{true}}: literals print as themselves.
    const callee = path as hbs.AST.PathExpression;
    const pairs = statement.hash?.pairs ?? [];
    statementText = `{{${[callee.original, ...statement.params.map(expressionText)].join(' ')}}}`;
    // Like Handlebars: arguments make a helper call, and a bare name that is a helper calls it.
    if (statement.params.length > 0 || pairs.length > 0 || (isSimpleName(callee) && isBuiltInHelper(callee.original))) {
      const value = call(callee, statement.params, pairs, scope);
      if (value) printable(callee, value, [callee.original, ...statement.params.map(expressionText)].join(' '));
      return;
    }
    const resolved = resolvePath(callee, scope, fileName);
    if (!resolved.ok) return reportProblem(callee, resolved.problem);
    use(resolved.value);
    unguardedOptional(callee, resolved.unguarded, true);
    printable(callee, resolved.value, callee.original);
  }

  /** Analyses a helper call and returns its result, or undefined when it fails or is not a value helper. */
  function call(callee: hbs.AST.PathExpression, params: hbs.AST.Expression[], pairs: hbs.AST.HashPair[], scope: Scope): Value | undefined {
    const name = callee.original;
    if (isSimpleName(callee) && valueHelpers.has(name)) return lookup(callee, params, pairs, scope);
    for (const param of params) expression(param, scope);
    for (const pair of pairs) expression(pair.value, scope);
    if (isSimpleName(callee) && blockHelpers.has(name)) {
      report('template/unknown-helper', callee, {
        message: `"${name}" is a block helper and cannot be used inline.`,
        expected: `{{#${name} …}}…{{/${name}}}`,
        hint: `Write {{#${name} ${params.map(expressionText).join(' ') || '…'}}}…{{/${name}}}.`,
        path: name,
      });
      return undefined;
    }
    unknownHelper(callee, `{{${name} …}}`);
    return 'unknown';
  }

  function lookup(callee: hbs.AST.PathExpression, params: hbs.AST.Expression[], pairs: hbs.AST.HashPair[], scope: Scope): Value | undefined {
    for (const pair of pairs) expression(pair.value, scope);
    const [target, key] = params;
    if (params.length !== 2 || !target || !key) {
      for (const param of params) expression(param, scope);
      report('template/syntax', callee, {
        message: `lookup takes exactly two arguments, got ${params.length}.`,
        expected: '(lookup value key), e.g. (lookup orders @index) or (lookup customer "name")',
        hint: 'Pass the object or list first and the property name or position second.',
      });
      return undefined;
    }
    const value = expression(target, scope);
    if (value === undefined || value === 'unknown') {
      expression(key, scope);
      return value;
    }
    if (key.type === 'StringLiteral' || key.type === 'NumberLiteral') {
      const name = String((key as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value);
      // lookup reads its key leniently: a missing property gives undefined, so `resolved.unguarded` cannot throw.
      const resolved = walk(value, [name], { prefix: `${expressionText(target)}.`, head: [] }, scope, fileName);
      if (!resolved.ok) {
        reportProblem(key, resolved.problem);
        return undefined;
      }
      use(resolved.value);
      return resolved.value;
    }
    expression(key, scope);
    // A computed key can name any property or any item, so the result is any of them.
    const iteration = `?${++iterations}`;
    const candidates = value.flatMap((binding) => elementsOf(binding, iteration)?.items ?? []);
    if (candidates.length === 0) return 'unknown';
    use(candidates);
    return candidates;
  }

  /** Analyses a parameter and returns what it evaluates to; undefined when it is in error. */
  function expression(node: hbs.AST.Expression, scope: Scope): Value | undefined {
    switch (node.type) {
      case 'PathExpression': {
        const resolved = resolvePath(node as hbs.AST.PathExpression, scope, fileName);
        if (!resolved.ok) {
          reportProblem(node, resolved.problem);
          return undefined;
        }
        use(resolved.value);
        unguardedOptional(node as hbs.AST.PathExpression, resolved.unguarded, false);
        return resolved.value;
      }
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        return call(sub.path, sub.params, sub.hash?.pairs ?? [], scope);
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

  function block(statement: hbs.AST.BlockStatement, scope: Scope): void {
    const callee = statement.path;
    const name = callee.original;
    const pairs = statement.hash?.pairs ?? [];
    // {{^list}}…{{/list}} has only an inverse: the grammar leaves `program` out.
    const body = statement.program as hbs.AST.Program | undefined;
    const inverse = statement.inverse as hbs.AST.Program | undefined;
    // Handlebars marks the else branch that holds an {{else if …}} as `chained`; the types leave it out.
    if ((inverse as { chained?: boolean } | undefined)?.chained && inverse?.body[0]) chained.add(inverse.body[0]);
    statementText = `{{${chained.has(statement) ? 'else ' : '#'}${[name, ...statement.params.map(expressionText)].join(' ')}}}`;
    if (!isSimpleName(callee) || !blockHelpers.has(name)) {
      for (const param of statement.params) expression(param, scope);
      for (const pair of pairs) expression(pair.value, scope);
      unknownBlock(callee, statement.params.length === 0 ? scope : undefined);
      const opaque = enterBlock(scope, { context: 'unknown', dataFrame: 'unknown' });
      program(body, opaque);
      program(inverse, opaque);
      return;
    }
    for (const pair of pairs) expression(pair.value, scope);
    const [subject] = statement.params;
    if (statement.params.length !== 1 || !subject) {
      for (const param of statement.params) expression(param, scope);
      report('template/syntax', statement, {
        message: `{{#${name}}} takes exactly one argument, got ${statement.params.length}.`,
        expected: `{{#${name} ${name === 'each' ? 'list' : name === 'with' ? 'object' : 'condition'}}}`,
        hint: name === 'if' || name === 'unless' ? 'Combine conditions by nesting blocks: {{#if a}}{{#if b}}…{{/if}}{{/if}}.' : `Pass one variable, e.g. {{#${name} customer}}.`,
      });
      const opaque = enterBlock(scope, { context: 'unknown', dataFrame: 'unknown' });
      program(body, name === 'if' || name === 'unless' ? scope : opaque);
      program(inverse, scope);
      return;
    }
    const value = expression(subject, scope);
    // Each body renders only for a truthy (so passed) subject, {{#unless}}'s else branch too.
    const present = assumePresent(scope, value);
    if (name === 'unless') {
      program(body, scope);
      program(inverse, present);
      return;
    }
    if (name === 'if') {
      program(body, present);
    } else if (name === 'with') {
      const context = value ?? 'unknown';
      program(body, enterBlock(present, { context, blockParams: bindBlockParams(body?.blockParams, [context]) }));
    } else {
      program(body, eachScope(subject, value, body?.blockParams, present));
    }
    // The else branch of {{#each}} and {{#with}} renders in the outer context.
    program(inverse, scope);
  }

  function eachScope(subject: hbs.AST.Expression, value: Value | undefined, names: string[] | undefined, scope: Scope): Scope {
    let items: Value = 'unknown';
    let key: Value = 'unknown';
    if (value !== undefined && value !== 'unknown') {
      const iteration = `#${++iterations}`;
      const iterable = value.flatMap((binding) => elementsOf(binding, iteration) ?? []);
      if (iterable.length === 0) {
        const binding = value[0]!;
        const text = expressionText(subject);
        report('template/unknown-variable', subject, {
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

  function unknownHelper(callee: hbs.AST.PathExpression, usage: string): void {
    report('template/unknown-helper', callee, {
      message: `Unknown helper "${callee.original}" in ${usage}.`,
      hint: `Only Handlebars' built-in helpers (${builtInHelperList}) are available. Prepare the value in the variables instead, e.g. pass it already formatted.`,
      path: callee.original,
    });
  }

  // A block named after a variable ({{#customer}}) is legal Handlebars, but what it does
  // depends on the value's type at runtime; the built-ins say it explicitly.
  function unknownBlock(callee: hbs.AST.PathExpression, scope: Scope | undefined): void {
    if (isSimpleName(callee) && valueHelpers.has(callee.original)) {
      report('template/unknown-helper', callee, {
        message: `"${callee.original}" returns a value and takes no block.`,
        expected: `{{#with (${callee.original} …)}}…{{/with}}`,
        hint: `Wrap it in a block helper, e.g. {{#with (${callee.original} customer "name")}}…{{/with}}, or print it with {{${callee.original} … …}}.`,
        path: callee.original,
      });
      return;
    }
    const isVariable = scope !== undefined && resolvePath(callee, scope, fileName).ok;
    report('template/unknown-helper', callee, {
      message: isVariable
        ? `{{#${callee.original}}} uses a variable as a block; say what the block does with a built-in helper.`
        : `Unknown block helper "${callee.original}" in {{#${callee.original} …}}.`,
      hint: isVariable
        ? `Write {{#each ${callee.original}}}, {{#with ${callee.original}}} or {{#if ${callee.original}}} instead.`
        : `Only Handlebars' built-in helpers (${builtInHelperList}) are available.`,
      path: callee.original,
    });
  }

  function printable(at: hbs.AST.PathExpression, value: Value, written: string): void {
    if (value === 'unknown') return;
    const binding = value.find((candidate) => candidate.node.type === 'object' || candidate.node.type === 'array');
    if (!binding) return;
    const isList = binding.node.type === 'array';
    report('template/not-printable', at, {
      message: isList
        ? `{{${written}}} prints a whole list, which renders as its items joined by commas.`
        : `{{${written}}} prints a whole object, which renders as "[object Object]".`,
      expected: 'a string, number or boolean',
      hint: printHint(binding, written),
      ...(binding.path ? { path: binding.path } : {}),
    });
  }

  program(parsed.program, rootScope(variables));
  return { diagnostics: sortDiagnostics(unique(diagnostics)), usedPaths };
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

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

// prompts/support-reply/policy.md -> prompts/_shared, for messages.
function sharedDir(policyFile: string): string {
  const parts = policyFile.split(/[\\/]/);
  return [...parts.slice(0, -2), '_shared'].join('/');
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

/** A plain name, which Handlebars may treat as a helper: not `this.x`, `../x`, `@x` or `a.b`. */
function isSimpleName(path: hbs.AST.PathExpression): boolean {
  return !path.data && path.depth === 0 && path.parts.length === 1 && !/^\.|this\b/.test(path.original);
}

function expressionText(node: hbs.AST.Expression): string {
  switch (node.type) {
    case 'PathExpression':
      return (node as hbs.AST.PathExpression).original;
    case 'StringLiteral':
      return JSON.stringify((node as hbs.AST.StringLiteral).value);
    case 'SubExpression': {
      const sub = node as hbs.AST.SubExpression;
      return `(${[sub.path.original, ...sub.params.map(expressionText)].join(' ')})`;
    }
    default:
      return String((node as { original?: unknown }).original ?? '…');
  }
}

// Handlebars lines are 1-based and columns 0-based; diagnostics use 1-based for both.
function locationOf(node: hbs.AST.Node): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}
