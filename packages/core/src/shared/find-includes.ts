import Handlebars from 'handlebars';

/** Where shared sections live, next to the prompt folders: `prompts/_shared/<name>.md`. */
export const sharedFolder = '_shared';

/** Section names are kebab-case, like prompt ids, so `{{> no-advice}}` and the file name agree. */
export const sharedSectionNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The file of a shared section, relative to the shared folder. */
export function sharedSectionFile(name: string): string {
  return `${name}.md`;
}

/** One `{{> …}}` in a parsed template, with what Handlebars' whitespace rules make of it. */
export interface Include {
  node: hbs.AST.PartialStatement;
  /** The section name when written as a plain `{{> name}}`; undefined for a dynamic or sub-expression name. */
  name: string | undefined;
  /**
   * Alone on its line (only spaces or tabs around it). Handlebars then drops
   * the tag's line break and indents every line of the section by the spaces
   * before the tag.
   */
  standalone: boolean;
  /** The spaces and tabs before a standalone tag; empty otherwise. */
  indent: string;
}

/**
 * Every partial in a template parsed by `Handlebars.parse`, in source order,
 * with its standalone status decided exactly as Handlebars 4.7's
 * WhitespaceControl decides it (the same regular expressions), because that
 * status decides which line breaks and indentation the inlined text gets.
 */
export function findIncludes(program: hbs.AST.Program): Include[] {
  const found: Include[] = [];
  const visit = (body: hbs.AST.Statement[], isRoot: boolean) => {
    body.forEach((statement, index) => {
      if (statement.type === 'PartialStatement') {
        const node = statement as hbs.AST.PartialStatement;
        const strip = (node as { strip?: { open?: boolean; close?: boolean } }).strip ?? {};
        // `~` strips instead of the standalone rule; such includes are rejected by the analysis.
        const standalone = !strip.open && !strip.close && isPrevWhitespace(body, index, isRoot) && isNextWhitespace(body, index, isRoot);
        const previous = body[index - 1] as hbs.AST.ContentStatement | undefined;
        const indent = standalone && previous?.type === 'ContentStatement' ? (/(?:^|[^ \t])([ \t]+)$/.exec(originalText(previous))?.[1] ?? '') : '';
        const name = node.name.type === 'PathExpression' ? (node.name as hbs.AST.PathExpression).original : undefined;
        found.push({ node, name, standalone, indent });
      }
      for (const child of childPrograms(statement)) visit(child.body, false);
    });
  };
  visit(program.body, true);
  return found;
}

/** The names of the sections a template includes, sorted and unique; empty when it does not parse. */
export function includedSectionNames(source: string): string[] {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch {
    // The template analysis reports the syntax error; nothing can be included from a template that does not parse.
    return [];
  }
  const names = findIncludes(program).flatMap((include) => (include.name !== undefined && sharedSectionNamePattern.test(include.name) ? [include.name] : []));
  return [...new Set(names)].sort();
}

function childPrograms(statement: hbs.AST.Statement): hbs.AST.Program[] {
  const block = statement as { program?: hbs.AST.Program; inverse?: hbs.AST.Program };
  return [block.program, block.inverse].filter((program): program is hbs.AST.Program => program !== undefined && program !== null);
}

// Copied from Handlebars 4.7.10 (compiler/whitespace-control.js): a tag is
// standalone when the text before it ends a line and the text after it
// starts one; at the very start or end of the file that counts too.
function isPrevWhitespace(body: readonly hbs.AST.Statement[], index: number, isRoot: boolean): boolean {
  const previous = body[index - 1];
  const sibling = body[index - 2];
  if (!previous) return isRoot;
  if (previous.type !== 'ContentStatement') return false;
  const original = originalText(previous);
  return (sibling || !isRoot ? /(?:^|\S)[^\S\n]*\n\s*$/ : /^\s*$|(?:^|\S)[^\S\n]*\n\s*$/).test(original);
}

function isNextWhitespace(body: readonly hbs.AST.Statement[], index: number, isRoot: boolean): boolean {
  const next = body[index + 1];
  const sibling = body[index + 2];
  if (!next) return isRoot;
  if (next.type !== 'ContentStatement') return false;
  const original = originalText(next);
  return (sibling || !isRoot ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/).test(original);
}

// The type definitions call `original` StripFlags; on a ContentStatement it is the text as written.
function originalText(statement: hbs.AST.Statement): string {
  return (statement as unknown as { original: string }).original;
}
