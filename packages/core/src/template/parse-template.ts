import Handlebars from 'handlebars';
import type { Diagnostic } from '@promptpack/spec';
import { lastToken } from './handlebars-lexer.js';
import { scanBlocks, type BlockStructure } from './scan-blocks.js';

export interface ParsedTemplate {
  /** Undefined when the template does not parse; `diagnostics` then says why. */
  program: hbs.AST.Program | undefined;
  diagnostics: Diagnostic[];
}

/** Parses like the build does, turning each shape of Handlebars parse error into located diagnostics. */
export function parseTemplate(file: string, source: string): ParsedTemplate {
  try {
    return { program: Handlebars.parse(source), diagnostics: [] };
  } catch (error) {
    // Read before anything else lexes: the shared lexer still points at the offending token.
    const stoppedAt = lastToken();
    return { program: undefined, diagnostics: describeParseError(file, source, error, stoppedAt) };
  }
}

type Location = { line: number; column: number };

function describeParseError(
  file: string,
  source: string,
  error: unknown,
  stoppedAt: (Location & { text: string }) | undefined,
): Diagnostic[] {
  const message = error instanceof Error ? error.message : String(error);
  const thrown = error as { lineNumber?: unknown; column?: unknown };
  // Errors raised while building the AST (Handlebars' Exception) carry their own location.
  if (typeof thrown.lineNumber === 'number' && typeof thrown.column === 'number') {
    const location = { line: thrown.lineNumber, column: thrown.column + 1 };
    const text = message.replace(/ - \d+:\d+$/, '');
    if (/ doesn't match /.test(text)) return [mismatchedBlock(file, scanBlocks(source), location, text)];
    return [syntax(file, location, `Template syntax error in ${file}: ${text}.`, undefined, hintFor(text))];
  }
  const at = stoppedAt ? { line: stoppedAt.line, column: stoppedAt.column + 1 } : { line: 1, column: 1 };
  const got = /got '([^']+)'$/.exec(message)?.[1];
  if (got === 'EOF') {
    const { unclosed } = scanBlocks(source);
    if (unclosed.length > 0) return unclosed.map((opener) => unclosedBlock(file, opener));
  }
  if (got === 'OPEN_ENDBLOCK') {
    const structure = scanBlocks(source);
    if (structure.mismatch) return [mismatchedBlock(file, structure, at, message)];
  }
  const unclosedTag = got === 'INVALID' || got === 'EOF' ? findUnclosedTag(source) : undefined;
  if (unclosedTag) {
    return [
      syntax(
        file,
        unclosedTag,
        `Template syntax error in ${file}: the tag ${JSON.stringify(unclosedTag.text)} is never closed.`,
        '"}}"',
        'Add "}}" at the end of the tag.',
      ),
    ];
  }
  if (got === undefined) {
    return [syntax(file, at, `Template syntax error in ${file}: Handlebars cannot read the text here.`, undefined, hintFor('INVALID'))];
  }
  const expected = /Expecting (.*), got/.exec(message)?.[1]?.match(/'[^']+'/g)?.map((name) => name.slice(1, -1)) ?? [];
  const misplacedElse = got === 'INVERSE' || got === 'OPEN_INVERSE_CHAIN';
  return [
    syntax(
      file,
      at,
      `Template syntax error in ${file}: unexpected ${got === 'INVALID' && stoppedAt?.text ? JSON.stringify(stoppedAt.text) : describeToken(got)}.`,
      misplacedElse ? undefined : describeExpected(expected),
      hintFor(got, expected),
    ),
  ];
}

// Handlebars reports a tag cut off by the end of the file as an odd token
// somewhere inside it; the tag's own opening braces are the useful place.
function findUnclosedTag(source: string): (Location & { text: string }) | undefined {
  const start = source.lastIndexOf('{{');
  if (start < 0 || source.includes('}}', start)) return undefined;
  const before = source.slice(0, start);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = start - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) ;
  return { line, column, text: source.slice(start).split(/\r|\n/)[0]!.trimEnd() };
}

function mismatchedBlock(file: string, structure: BlockStructure, fallback: Location, text: string): Diagnostic {
  const mismatch = structure.mismatch;
  if (!mismatch) return { ...syntax(file, fallback, `Template syntax error in ${file}: ${text}.`), code: 'template/mismatched-block' };
  const { closer, opener } = mismatch;
  if (!opener) {
    return {
      code: 'template/mismatched-block',
      severity: 'error',
      file,
      line: closer.line,
      column: closer.column,
      message: `${closer.tag} closes a block that was never opened.`,
      hint: `Remove ${closer.tag}, or add {{#${closer.name} …}} where the block should start.`,
    };
  }
  return {
    code: 'template/mismatched-block',
    severity: 'error',
    file,
    line: closer.line,
    column: closer.column,
    message: `${closer.tag} does not match ${opener.tag} opened at line ${opener.line}, column ${opener.column}.`,
    expected: `{{/${opener.name}}}`,
    hint: `Close ${opener.tag} with {{/${opener.name}}} before ${closer.tag}; blocks close in the reverse order they open.`,
  };
}

function unclosedBlock(file: string, opener: { name: string; tag: string; line: number; column: number }): Diagnostic {
  return {
    code: 'template/unclosed-block',
    severity: 'error',
    file,
    line: opener.line,
    column: opener.column,
    message: `Block ${opener.tag} is never closed.`,
    expected: `{{/${opener.name}}}`,
    hint: `Add {{/${opener.name}}} where the block should end.`,
  };
}

function syntax(file: string, at: Location, message: string, expected?: string, hint?: string): Diagnostic {
  return {
    code: 'template/syntax',
    severity: 'error',
    file,
    line: at.line,
    column: at.column,
    message,
    ...(expected ? { expected } : {}),
    ...(hint ? { hint } : {}),
  };
}

// Jison's token names in words an author recognises, most helpful first:
// the grammar lists every token that could follow, and only the first few say enough.
const tokenWords = new Map<string, string>([
  ['CLOSE', '"}}"'],
  ['ID', 'a name'],
  ['OPEN_ENDBLOCK', 'a closing tag "{{/…}}"'],
  ['CLOSE_UNESCAPED', '"}}}"'],
  ['CLOSE_SEXPR', '")"'],
  ['CLOSE_BLOCK_PARAMS', '"|"'],
  ['STRING', 'a string'],
  ['NUMBER', 'a number'],
  ['DATA', 'an @variable'],
  ['BOOLEAN', 'true or false'],
  ['SEP', '"."'],
  ['EQUALS', '"="'],
  ['OPEN_SEXPR', '"("'],
  ['OPEN_BLOCK_PARAMS', '"as |"'],
  ['INVERSE', '"{{else}}"'],
  ['OPEN_INVERSE_CHAIN', '"{{else …}}"'],
  ['UNDEFINED', 'undefined'],
  ['NULL', 'null'],
  ['EOF', 'the end of the file'],
  ['CONTENT', 'text'],
  ['COMMENT', 'a comment'],
  ['OPEN', '"{{"'],
  ['OPEN_UNESCAPED', '"{{{"'],
  ['OPEN_BLOCK', '"{{#"'],
  ['OPEN_INVERSE', '"{{^"'],
  ['OPEN_PARTIAL', '"{{>"'],
  ['OPEN_PARTIAL_BLOCK', '"{{#>"'],
  ['OPEN_RAW_BLOCK', '"{{{{"'],
  ['CLOSE_RAW_BLOCK', '"}}}}"'],
  ['INVALID', 'a character Handlebars does not accept here'],
]);
const priority = [...tokenWords.keys()];

function describeToken(name: string): string {
  return tokenWords.get(name) ?? name;
}

function describeExpected(expected: readonly string[]): string | undefined {
  const rank = (name: string) => (priority.includes(name) ? priority.indexOf(name) : priority.length);
  const words = [...new Set([...expected].sort((a, b) => rank(a) - rank(b)).map(describeToken))];
  if (words.length === 0) return undefined;
  const shown = words.slice(0, 3).join(', ');
  return words.length > 3 ? `${shown}, …` : shown;
}

function hintFor(got: string, expected: readonly string[] = []): string {
  if (got === 'INVERSE' || got === 'OPEN_INVERSE_CHAIN') {
    return '{{else}} belongs inside {{#if}}, {{#unless}}, {{#each}} or {{#with}}, once per block; chain further conditions with {{else if …}}.';
  }
  if (got === 'CLOSE' && expected.includes('CLOSE_UNESCAPED')) return 'A tag opened with "{{{" closes with "}}}".';
  if (got === 'CLOSE' && expected.includes('ID')) return 'Put a variable name between the braces, e.g. {{customer.name}}.';
  if (got === 'EOF') return 'The file ends inside a tag; close it with "}}".';
  if (/^Invalid path/.test(got)) return 'Write "this.x" or "../x" only at the start of a path, e.g. {{../customer.name}}.';
  return 'Check the tag for a missing "}}", an unbalanced quote, bracket or parenthesis, or a stray character.';
}
