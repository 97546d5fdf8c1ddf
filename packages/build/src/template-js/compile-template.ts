import { inlineSharedSections } from '@promptpack/core';
import { PromptpackError } from '@promptpack/spec';
import Handlebars from 'handlebars';
import { countPrograms, emitProgram } from './emit-program.js';
import type { EmitState } from './emit-state.js';
import { runtimeSource } from './runtime-helpers.js';
import { sharedPrograms } from './shared-programs.js';
import { templateModes } from './template-modes.js';

export interface CompileTemplateOptions {
  /** The template's path, named in build errors (`prompts/support-reply/template.hbs`). Default `template.hbs`. */
  file?: string;
  /**
   * Shared sections by name (`{ safety: '…text of _shared/safety.md…' }`).
   * Each `{{> name}}` is replaced by its section's text first, exactly as
   * effectivePolicy does, so the generated function takes data only. Left
   * out, any partial is a build error.
   */
  sections?: Readonly<Record<string, string>>;
}

/**
 * A template as JavaScript. `code` is a JavaScript expression (no imports,
 * no free variables but standard globals) whose value is the render
 * function `(data) => string`; embed it as `const render = <code>;`, or
 * evaluate it with `templateFunction`.
 *
 * The function renders exactly what Handlebars 4.7.10 renders for the same
 * text with `{ strict: true, noEscape: true, knownHelpersOnly: true }`, and
 * fails where it fails: a printed path whose last part is missing throws an
 * Error whose message is Handlebars' own (`"name" not defined in [object
 * Object] - 3:14`, column 0-based as Handlebars counts it) with the same
 * `lineNumber`, `column`, `endLineNumber` and `endColumn`; a missing part
 * before the last throws the same TypeError Handlebars' lookup throws.
 */
export interface TemplateJs {
  code: string;
}

/**
 * Compiles a template (template.hbs, or policy.md with its shared sections)
 * to plain JavaScript, so a package renders without the Handlebars runtime.
 * Handlebars still parses it, so whitespace control and standalone lines are
 * Handlebars' own. Like precompileTemplate, the file's final line break ends
 * the file and is not text. Throws PromptpackError ('build/failed') naming
 * the construct and its file:line:column for anything outside the subset
 * the template validator accepts.
 */
export function compileTemplateToJs(source: string, options: CompileTemplateOptions = {}): TemplateJs {
  const file = options.file ?? 'template.hbs';
  const inlined = options.sections ? inlineSharedSections(source, options.sections) : source;
  const program = parse(file, inlined.replace(/\r?\n$/, ''));
  const state: EmitState = {
    file,
    modes: templateModes(program),
    used: new Set(),
    functions: [],
    locations: [],
    nextId: 0,
    shared: sharing(file, program),
    programs: new Map(),
    visited: 0,
  };
  const main = emitProgram(state, program, { levels: [] });
  const { data, depths, blockParams } = state.modes;
  const mainArguments = [
    'data',
    ...(data === 'frames' ? ['{ root: data }'] : data === 'root' ? ['data'] : []),
    ...(depths ? ['[data]'] : []),
    ...(blockParams ? ['[]'] : []),
  ];
  const parts = [
    "'use strict';",
    runtimeSource(state.used),
    ...(state.locations.length > 0 ? [`const locations = ${JSON.stringify(state.locations)};`] : []),
    ...state.functions,
    `return function render(data) {\n  return "" + ${main}(${mainArguments.join(', ')});\n};`,
  ].filter((part) => part !== '');
  return { code: `(function () {\n${parts.join('\n')}\n})()` };
}

// Handlebars' compiler also rejects some templates (an unknown helper with
// knownHelpersOnly); the generator then reports the same construct with its
// location, so only its error is shown.
function sharing(file: string, program: hbs.AST.Program): number[] {
  // Sharing needs two block programs; templates with fewer skip Handlebars' compiler.
  if (countPrograms(program.body) < 2) return [];
  try {
    return sharedPrograms(program);
  } catch (error) {
    const probe: EmitState = { file, modes: templateModes(program), used: new Set(), functions: [], locations: [], nextId: 0, shared: [], programs: new Map(), visited: 0 };
    emitProgram(probe, program, { levels: [] });
    throw new PromptpackError('build/failed', `Cannot compile ${file} to JavaScript: Handlebars rejects it: ${(error as Error).message}`);
  }
}

function parse(file: string, text: string): hbs.AST.Program {
  try {
    return Handlebars.parse(text);
  } catch (error) {
    const thrown = error as Error & { lineNumber?: number; column?: number };
    const line = thrown.lineNumber ?? Number(/on line (\d+)/.exec(thrown.message)?.[1] ?? 0);
    const column = typeof thrown.column === 'number' ? thrown.column + 1 : 0;
    throw new PromptpackError('build/failed', `Cannot compile ${file} to JavaScript: Handlebars cannot parse it.`, {
      diagnostics: [
        {
          code: 'template/syntax',
          severity: 'error',
          file,
          line,
          column,
          message: `Handlebars cannot parse the template: ${thrown.message.split('\n').at(-1)}`,
          hint: 'Check that every {{#block}} has its {{/block}} and every {{ has its }}.',
        },
      ],
    });
  }
}
