import type { Diagnostic } from '@promptpack/spec';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/** A parsed YAML file that can say where any data path sits in the source. */
export interface YamlFile {
  file: string;
  /** The plain JS value; undefined when the file did not parse. */
  value: unknown;
  diagnostics: Diagnostic[];
  /** 1-based line and column of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
}

export function parseYamlFile(file: string, source: string): YamlFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // After the first syntax error the parser's later complaints are mostly
  // echoes of it; duplicate keys are independent and all worth reporting.
  const firstSyntax = document.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  const reported = document.errors.filter((error) => error.code === 'DUPLICATE_KEY' || error === firstSyntax);
  const diagnostics: Diagnostic[] = reported.map((error) => {
    const { line, column } = position(error.pos[0]);
    const duplicate = error.code === 'DUPLICATE_KEY';
    return {
      code: duplicate ? 'yaml/duplicate-key' : 'yaml/syntax',
      severity: 'error',
      file,
      line,
      column,
      message: duplicate ? 'The same key appears twice in one mapping.' : `YAML syntax error: ${firstLine(error.message)}`,
      hint: duplicate
        ? 'Remove or rename one of the two keys; YAML keeps only one and the other would be silently lost.'
        : 'Check indentation (spaces, not tabs), quoting of values that contain ": " or "#", and unclosed brackets.',
    };
  });
  if (diagnostics.length === 0) diagnostics.push(...mergeKeys(document, file, position), ...protoKeys(document, file, position));
  let value: unknown;
  if (diagnostics.length === 0) {
    try {
      // The yaml package stops expanding at 100 aliases: a "billion laughs" file would otherwise take all memory.
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      diagnostics.push(aliasLimit(document, file, position, error as Error));
    }
  }
  return {
    file,
    value,
    diagnostics,
    locate: (path, options = {}) => {
      const node = nodeAt(document, path, options.key ?? false);
      return node?.range ? position(node.range[0]) : { line: 1, column: 1 };
    },
  };
}

// Walks as deep as the document goes, so a missing key points at its parent.
function nodeAt(document: Document, path: readonly PropertyKey[], wantKey: boolean): Node | undefined {
  let node: Node | undefined = (document.contents as Node | null) ?? undefined;
  if (!node) return undefined;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return node;
      const last = index === path.length - 1;
      if (last && wantKey && isScalar(pair.key)) return pair.key;
      if (!pair.value) return isScalar(pair.key) ? pair.key : node;
      node = pair.value as Node;
    } else if (node && 'items' in node && Array.isArray((node as { items: unknown }).items)) {
      const item: Node | undefined = (node as { items: Node[] }).items[Number(segment)];
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

type Position = (offset: number) => { line: number; column: number };

// YAML 1.2 has no merge keys: `<<` is read as an ordinary key, and the schema
// check would then report a confusing `Missing "type"` instead.
function mergeKeys(document: Document, file: string, position: Position): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(document, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== '<<' || !pair.key.range) return;
      found.push({
        code: 'yaml/merge-key',
        severity: 'error',
        file,
        ...position(pair.key.range[0]),
        message: 'YAML merge keys (`<<: *anchor`) are not supported: promptpack reads YAML 1.2, where `<<` is an ordinary key.',
        hint: 'Write the keys out in full in this mapping; an alias of a whole value (`key: *anchor`) does work.',
      });
    },
  });
  return found;
}

// A `__proto__` key would be dropped by every object the value passes
// through (zod skips it on purpose), so a variable or field by that name
// silently vanishes; it is refused wherever it appears.
function protoKeys(document: Document, file: string, position: Position): Diagnostic[] {
  const found: Diagnostic[] = [];
  visit(document, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.value !== '__proto__' || !pair.key.range) return;
      found.push({
        code: 'yaml/reserved-key',
        severity: 'error',
        file,
        ...position(pair.key.range[0]),
        message: 'The key `__proto__` is reserved in JavaScript: it would be dropped from the data without a trace.',
        hint: 'Rename it (for a variable or output field: any other name, e.g. proto).',
      });
    },
  });
  return found;
}

function aliasLimit(document: Document, file: string, position: Position, error: Error): Diagnostic {
  let offset = 0;
  visit(document, {
    Alias(_key, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return {
    code: 'yaml/alias-limit',
    severity: 'error',
    file,
    ...position(offset),
    message: `The file expands too many aliases (${firstLine(error.message)}); a few lines of anchors can stand for gigabytes of data.`,
    hint: 'Write the values out instead of aliasing aliases; promptpack expands at most 100 aliases per file.',
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
