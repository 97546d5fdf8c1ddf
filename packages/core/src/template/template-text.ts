// How the analysis writes template nodes back in messages, and where it places them.

/** A plain name, which Handlebars may treat as a helper: not `this.x`, `../x`, `@x` or `a.b`. */
export function isSimpleName(path: hbs.AST.PathExpression): boolean {
  return !path.data && path.depth === 0 && path.parts.length === 1 && !/^\.|this\b/.test(path.original);
}

/** An expression as the author wrote it: `customer.name`, `"name"`, `(lookup orders 0)`. */
export function expressionText(node: hbs.AST.Expression): string {
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
export function locationOf(node: hbs.AST.Node): { line: number; column: number } {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
