import type { ObjectNode } from '@promptpack/spec';
import type { Value } from './binding.js';
import { withPrefixes } from './variable-path.js';

/** `@` variables visible at one level, or 'unknown' inside a block the analysis cannot follow. */
export type DataFrame = ReadonlyMap<string, Value> | 'unknown';

/**
 * What names mean at one point of a template, mirroring Handlebars' runtime
 * stacks. Every list is outermost first. Handlebars pushes a context only
 * when a block changes `this` ({{#each}}, {{#with}}; not {{#if}}), which is
 * what `../` counts; it pushes a data frame per {{#each}}, which is what
 * `@../` counts; block params stay visible in every nested block.
 */
export interface Scope {
  readonly contexts: readonly Value[];
  readonly dataFrames: readonly DataFrame[];
  readonly blockParams: readonly ReadonlyMap<string, Value>[];
  /**
   * Keys (Binding.key) of values known to be present here, because an
   * enclosing {{#if}}, {{#unless}}…{{else}}, {{#with}} or {{#each}} tested
   * them; a value's presence implies its parents'. Contexts, block params
   * and @data values are present by construction and need no entry.
   */
  readonly present: ReadonlySet<string>;
}

export function rootScope(variables: ObjectNode): Scope {
  const root: Value = [{ node: variables, path: '', key: '' }];
  return { contexts: [root], dataFrames: [new Map([['root', root]])], blockParams: [], present: new Set(['']) };
}

export function enterBlock(
  scope: Scope,
  change: { context?: Value; dataFrame?: DataFrame; blockParams?: ReadonlyMap<string, Value> },
): Scope {
  return {
    contexts: change.context ? [...scope.contexts, change.context] : scope.contexts,
    dataFrames: change.dataFrame ? [...scope.dataFrames, change.dataFrame] : scope.dataFrames,
    blockParams: change.blockParams && change.blockParams.size > 0 ? [...scope.blockParams, change.blockParams] : scope.blockParams,
    present: scope.present,
  };
}

/** The scope inside a block that renders only when `value` is truthy, so present along with everything leading to it. */
export function assumePresent(scope: Scope, value: Value | undefined): Scope {
  if (value === undefined || value === 'unknown') return scope;
  const keys = value.flatMap((binding) => (binding.key === undefined ? [] : withPrefixes(binding.key)));
  if (keys.every((key) => scope.present.has(key))) return scope;
  return { ...scope, present: new Set([...scope.present, ...keys]) };
}

/** Binds `as |a b|` names to values in order; names without a value can be anything. */
export function bindBlockParams(names: readonly string[] | undefined, values: readonly Value[]): Map<string, Value> {
  return new Map((names ?? []).map((name, index) => [name, values[index] ?? 'unknown']));
}

/** The variables object, which every frame copies as `@root`. */
export function rootValue(scope: Scope): Value {
  return scope.contexts[0]!;
}
