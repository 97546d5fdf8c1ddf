import type { RuntimeHelper } from './runtime-helpers.js';
import type { TemplateModes } from './template-modes.js';

/** Everything generated for one template so far. */
export interface EmitState {
  /** The template's file, for build errors. */
  file: string;
  modes: TemplateModes;
  /** Runtime helpers the generated code calls. */
  used: Set<RuntimeHelper>;
  /** Function declarations, one per Handlebars program and per {{#each}}/{{#with}}. */
  functions: string[];
  /** [line, column, endLine, endColumn] of each strict lookup, as Handlebars reports them. */
  locations: (readonly [number, number, number, number])[];
  nextId: number;
  /** For each program in source preorder, the one Handlebars compiles it as (see sharedPrograms). */
  shared: readonly number[];
  /** Programs generated so far, by preorder index. */
  programs: Map<number, string>;
  /** Programs met so far in preorder. */
  visited: number;
}

/**
 * Names visible while generating one program, as Handlebars' compiler
 * stacks them: one entry per enclosing program, innermost first, with the
 * block params it declares (`as |item index|`). At run time the generated
 * code keeps the matching values in `b`, one array per program, so a block
 * param is `b[depth][index]` exactly as in Handlebars' own output.
 */
export interface Scope {
  levels: readonly (readonly string[] | undefined)[];
}

/** One generated function body being written: whether it needs the block helpers' `this`. */
export interface FunctionState {
  needsSelf: boolean;
}

export function newId(state: EmitState): number {
  return state.nextId++;
}

/** The parameters every generated program takes before its block params: context, data, depths. */
export function baseParameters(modes: TemplateModes): string[] {
  return ['c', ...(modes.data === 'none' ? [] : ['d']), ...(modes.depths ? ['ds'] : []), ...(modes.blockParams ? ['b'] : [])];
}
