/**
 * How Handlebars 4.7.10's compiler (compiler/compiler.js) reads a mustache,
 * block or sub-expression with `knownHelpersOnly`. Copied rule for rule: the
 * generated code is only byte-identical if it classifies exactly as
 * Handlebars does, quirks included (`{{"name"}}` is a lookup of `name`, the
 * helper of `{{#this.if x}}` is `if`).
 */

/** Helpers Handlebars knows without registration; with knownHelpersOnly any other name is a compile error. */
export const knownHelpers: ReadonlySet<string> = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup']);

type Callable = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** `{{"name"}}`, `{{1}}`, `{{true}}`: Handlebars turns a literal callee into a path named by its text. */
export function calleePath(node: Callable): hbs.AST.PathExpression {
  const path = node.path as hbs.AST.PathExpression | hbs.AST.Literal;
  if ('parts' in path && Array.isArray(path.parts)) return path;
  const text = `${(path as { original?: unknown }).original}`;
  return { type: 'PathExpression', data: false, depth: 0, parts: [text], original: text, loc: path.loc } as hbs.AST.PathExpression;
}

/** `this.x`, `./x`, `.`: never a helper, never a block param. */
export function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^\.|this\b/.test(path.original);
}

/** One part, not scoped, no `../`: a name that may be a helper. */
export function isSimple(path: hbs.AST.PathExpression): boolean {
  return path.parts.length === 1 && !isScoped(path) && !path.depth;
}

/**
 * 'helper': a call of the helper named by the first part of the path;
 * 'value': the path's value (for a block, Handlebars' blockHelperMissing).
 */
export function classify(node: Callable, path: hbs.AST.PathExpression, isBlockParam: (name: string) => boolean): 'helper' | 'value' {
  const simple = isSimple(path);
  if (simple && isBlockParam(path.parts[0]!)) return 'value';
  const hasArguments = node.type === 'SubExpression' || node.params.length > 0 || node.hash !== undefined;
  if (hasArguments) return 'helper';
  return simple && knownHelpers.has(path.parts[0]!) ? 'helper' : 'value';
}
