import Handlebars from 'handlebars';

/** One token as Handlebars' own lexer reads it; line is 1-based, column 0-based (as Handlebars reports them). */
export interface Token {
  name: string;
  text: string;
  line: number;
  column: number;
}

// Handlebars exposes its jison parser as `Handlebars.Parser` but leaves it out
// of its type definitions. Reading tokens with the real lexer is what lets us
// place block and syntax errors exactly where Handlebars sees them, with
// comments, escapes and raw blocks handled the same way.
interface JisonLocation {
  first_line: number;
  first_column: number;
}

interface JisonLexer {
  setInput(input: string): void;
  lex(): number | string;
  yytext: string;
  match: string;
  yylloc: JisonLocation;
  yy: unknown;
}

interface JisonParser {
  lexer: JisonLexer;
  terminals_: Record<number, string>;
}

const parser = (Handlebars as unknown as { Parser: JisonParser }).Parser;

/**
 * Where the parser's lexer stopped. Read right after `Handlebars.parse` throws
 * a parse error: the lexer is shared and still points at the offending token.
 */
export function lastToken(): { text: string; line: number; column: number } | undefined {
  const location = parser.lexer.yylloc as JisonLocation | undefined;
  if (!location || typeof location.first_line !== 'number') return undefined;
  return { text: parser.lexer.match, line: location.first_line, column: location.first_column };
}

/** Every token of `source`, ending with EOF; stops early (without EOF) at a lexical error. */
export function tokenize(source: string): Token[] {
  // A child object, so the shared lexer's own state is never touched.
  const lexer = Object.create(parser.lexer) as JisonLexer;
  lexer.yy = {};
  lexer.setInput(source);
  const tokens: Token[] = [];
  // Every token consumes input, so this bound only guards against a lexer bug.
  for (let guard = 0; guard <= source.length + 1; guard++) {
    let symbol: number | string;
    try {
      symbol = lexer.lex();
    } catch {
      return tokens;
    }
    const name = typeof symbol === 'number' ? (parser.terminals_[symbol] ?? String(symbol)) : symbol;
    tokens.push({ name, text: lexer.yytext, line: lexer.yylloc.first_line, column: lexer.yylloc.first_column });
    if (name === 'EOF') break;
  }
  return tokens;
}
