import { tokenize, type Token } from './handlebars-lexer.js';

/** An opening or closing block tag; line and column are 1-based and point at its `{{`. */
export interface BlockTag {
  name: string;
  /** The tag as written, without arguments: `{{#if}}`, `{{^each}}`, `{{/with}}`. */
  tag: string;
  line: number;
  column: number;
}

export interface BlockStructure {
  /** The first closing tag that does not close the innermost open block; `opener` is absent when no block is open. */
  mismatch?: { closer: BlockTag; opener?: BlockTag };
  /** Blocks still open at the end of the file, outermost first. */
  unclosed: BlockTag[];
}

const opening: Record<string, string> = { OPEN_BLOCK: '#', OPEN_INVERSE: '^', OPEN_PARTIAL_BLOCK: '#>' };

/**
 * Pairs block tags by name the way Handlebars' grammar does. The parser only
 * says "expected a closing tag, got end of file" and points at the inner tag
 * of a mismatch; this says which opener is left open and where the wrong
 * closer sits.
 */
export function scanBlocks(source: string): BlockStructure {
  const tokens = tokenize(source);
  const open: BlockTag[] = [];
  for (const [index, token] of tokens.entries()) {
    const sigil = opening[token.name];
    if (sigil !== undefined) {
      const name = readName(tokens, index + 1);
      open.push(blockTag(token, name, `{{${sigil}${name}}}`));
    } else if (token.name === 'OPEN_ENDBLOCK') {
      const name = readName(tokens, index + 1);
      const closer = blockTag(token, name, `{{/${name}}}`);
      const opener = open.pop();
      if (!opener || opener.name !== name) return { mismatch: { closer, ...(opener ? { opener } : {}) }, unclosed: [] };
    }
  }
  return { unclosed: open };
}

// A block name is a path: `if`, `foo.bar`. Its arguments follow as separate IDs, so stop at the first gap.
function readName(tokens: readonly Token[], start: number): string {
  let name = '';
  for (let index = start; index < tokens.length; index++) {
    const token = tokens[index]!;
    const expectsName = (index - start) % 2 === 0;
    if (expectsName ? token.name !== 'ID' && token.name !== 'DATA' : token.name !== 'SEP') break;
    name += token.text;
  }
  return name;
}

function blockTag(token: Token, name: string, tag: string): BlockTag {
  // `{{~#if}}` lexes as one token; the tag itself starts at its first brace either way.
  return { name, tag, line: token.line, column: token.column + 1 };
}
