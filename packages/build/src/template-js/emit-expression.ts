import { unsupportedConstruct } from './build-error.js';
import type { EmitState, Scope } from './emit-state.js';
import { calleePath, classify, isScoped } from './handlebars-rules.js';

/** Where block param `name` lives (`b[1][0]`), innermost declaring program first; undefined when no program declares it. */
export function blockParam(scope: Scope, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  for (const [depth, names] of scope.levels.entries()) {
    const index = names?.indexOf(name) ?? -1;
    if (index >= 0) return `b[${depth}][${index}]`;
  }
  return undefined;
}

export function isBlockParam(scope: Scope): (name: string) => boolean {
  return (name) => blockParam(scope, name) !== undefined;
}

/**
 * A path's value, resolved as Handlebars' PathExpression handler resolves it:
 * block params first (innermost block first), then `this`/`..` themselves,
 * then `@data`, then the context `depth` levels up. Every part is read with
 * lookupProperty; with `strict` (a printed path) the last part must exist or
 * the lookup throws Handlebars' "not defined" error at the path's location.
 */
export function pathValue(state: EmitState, scope: Scope, path: hbs.AST.PathExpression, strict: boolean): string {
  const [name] = path.parts;
  const parameter = !path.depth && !isScoped(path) ? blockParam(scope, name) : undefined;
  if (parameter !== undefined) return readChain(state, parameter, path.parts.slice(1), undefined);
  if (name === undefined) return contextAt(path.depth);
  if (path.data) {
    if (state.modes.data === 'root' && path.depth === 0 && name === 'root') {
      // Every frame copies `root` from the first, which is the render argument: reading it cannot fail.
      return readChain(state, 'd', path.parts.slice(1), strict ? path : undefined);
    }
    if (path.depth > 0) state.used.add('dataAt');
    return readChain(state, path.depth > 0 ? `dataAt(d, ${path.depth})` : 'd', path.parts, strict ? path : undefined);
  }
  return readChain(state, contextAt(path.depth), path.parts, strict ? path : undefined);
}

// depth0 is the program's own context; `../` reads the depths stack, as Handlebars does.
function contextAt(depth: number): string {
  return depth === 0 ? 'c' : `ds[${depth}]`;
}

function readChain(state: EmitState, base: string, parts: readonly string[], strictAt: hbs.AST.PathExpression | undefined): string {
  let code = base;
  const lenient = strictAt ? parts.length - 1 : parts.length;
  for (let index = 0; index < lenient; index++) {
    state.used.add('read');
    code = `read(${code}, ${JSON.stringify(parts[index])})`;
  }
  if (strictAt && parts.length > 0) {
    state.used.add('strict');
    const { start, end } = strictAt.loc;
    const at = state.locations.push([start.line, start.column, end.line, end.column]) - 1;
    code = `strict(${code}, ${JSON.stringify(parts[parts.length - 1])}, ${at})`;
  }
  return code;
}

/** A helper argument or hash value: paths read leniently, literals as JavaScript literals, `(lookup …)` called. */
export function parameterValue(state: EmitState, scope: Scope, node: hbs.AST.Expression): string {
  switch (node.type) {
    case 'PathExpression':
      return pathValue(state, scope, node as hbs.AST.PathExpression, false);
    case 'SubExpression':
      return subExpression(state, scope, node as hbs.AST.SubExpression);
    case 'StringLiteral':
      return JSON.stringify((node as hbs.AST.StringLiteral).value);
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return String((node as hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value);
    case 'UndefinedLiteral':
      return 'undefined';
    case 'NullLiteral':
      return 'null';
    default:
      throw unsupportedConstruct(state.file, node, {
        message: `the expression ${node.type} has no JavaScript form`,
        hint: 'Use a variable, a literal or (lookup value key) as the argument.',
      });
  }
}

/** Hash values in the order Handlebars evaluates them: last pair first. */
export function hashValues(state: EmitState, scope: Scope, hash: hbs.AST.Hash | undefined): string[] {
  return [...(hash?.pairs ?? [])].reverse().map((pair) => parameterValue(state, scope, pair.value));
}

/** `(lookup value key)`, or `(param)` for a block param, which Handlebars reads as a value. */
function subExpression(state: EmitState, scope: Scope, node: hbs.AST.SubExpression): string {
  const path = calleePath(node);
  if (classify(node, path, isBlockParam(scope)) === 'value') {
    state.used.add('value');
    return `value(${pathValue(state, scope, path, true)}, c)`;
  }
  return lookupCall(state, scope, node, path, `(${path.original} …)`);
}

/** The lookup helper: `lookup value key` in a mustache or a sub-expression; any other helper is a build error. */
export function lookupCall(
  state: EmitState,
  scope: Scope,
  node: hbs.AST.MustacheStatement | hbs.AST.SubExpression,
  path: hbs.AST.PathExpression,
  written: string,
): string {
  const name = path.parts[0];
  if (name !== 'lookup') throw unknownHelper(state.file, node, name, written);
  if (node.params.length !== 2) {
    throw unsupportedConstruct(state.file, node, {
      message: `lookup takes exactly two arguments, got ${node.params.length}`,
      hint: 'Write (lookup value key), e.g. (lookup orders @index).',
    });
  }
  state.used.add('lookup');
  const [target, key] = node.params.map((param) => parameterValue(state, scope, param));
  // Extra arguments are evaluated like Handlebars evaluates the hash, and ignored like lookup ignores it.
  return `lookup(${[target, key, ...hashValues(state, scope, node.hash)].join(', ')})`;
}

export function unknownHelper(file: string, node: hbs.AST.Node, name: string | undefined, written: string) {
  const block = name === 'if' || name === 'unless' || name === 'each' || name === 'with';
  return unsupportedConstruct(file, node, {
    code: 'template/unknown-helper',
    message: block
      ? `the block helper "${name}" is used inline in ${written}`
      : `the helper "${name ?? written}" in ${written} is not one the generator supports`,
    hint: block ? `Write {{#${name} …}}…{{/${name}}}.` : 'Only #if, #unless, #each, #with and lookup are available; prepare the value in the variables instead.',
  });
}
