// One reader per format: outside packages/spec, no code that handles an
// eval record (eval-result.json) or a prompt manifest (dist/manifest.json)
// parses JSON itself, and no code declares either shape again. Readers go
// through @promptpack/spec (safeParseEvalRecordText, safeParseManifestText)
// and take a Pick of its types. In packages/*/src the same holds for a
// package.json: read it with core's readPackageIdentity (or spec's
// parsePackageIdentity for text), which refuses links and locates errors. Checked on the syntax tree, so a helper
// that only forwards its argument to JSON.parse counts as JSON.parse.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** What marks code as handling one of the two formats: their file names, spec's constant, spec's types. */
const formatMention = /eval-result\.json|manifest\.json|\bevalRecordFile\b|\bEvalRecord\w*|\bcontentHash\b|\bPromptManifest\b|\bManifestIdentity\b/;
/** Field sets only these formats have: a type literal carrying them is a second declaration of the shape. */
const shapes: Array<{ format: string; all: string; any: readonly string[] }> = [
  { format: 'prompt manifest', all: 'contentHash', any: ['hashes', 'builtWith', 'evalsHash'] },
  { format: 'eval record', all: 'gate', any: ['summary', 'prompt', 'recordedAt'] },
];

/** A package.json is named in the code (not only in a comment): the file, or a name such as `packageJson`, `readPackageJson`. */
const packageJsonMention = /package\.?json/i;
/**
 * Where a package.json may be parsed: core's full check of a prompt's
 * package.json, and the CLI's --version, which reads promptpack's own.
 * Scripts read the tooling's and installed packages' package.json: left out.
 */
const packageJsonParsers = new Set(['packages/core/src/validate/package-json.ts', 'packages/cli/src/program/version.ts']);

/** For package.json only the parse itself counts: core's and spec's readers (loadPromptFromSources, checkPackageJson) forward to it too. */
function parsesDirectly(callee: string): boolean {
  return callee === 'JSON.parse' || callee === 'parseJsonText';
}

/** Source files of packages/*\/src and scripts, tests and packages/spec left out. */
export function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const packages = path.join(root, 'packages');
  const roots = [
    ...readdirSync(packages, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'spec')
      .map((entry) => path.join(packages, entry.name, 'src')),
    path.join(root, 'scripts'),
  ];
  for (const dir of roots) {
    let entries: string[];
    try {
      entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!/\.[cm]?ts$/.test(entry) || /\.test(-d)?\.ts$/.test(entry) || /(^|[\\/])(node_modules|dist|__fixtures__|__snapshots__)[\\/]/.test(entry)) continue;
      files.push(path.join(dir, entry));
    }
  }
  return files.sort();
}

/** Every violation as `file:line:column: what, and what to do`; empty when each format has one reader. */
export function checkOneReader(root: string = repoRoot): string[] {
  const sources = sourceFiles(root).map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  const readers = jsonReaders(sources);
  const violations: string[] = [];
  const at = (source: ts.SourceFile, node: ts.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${path.relative(root, source.fileName).split(path.sep).join('/')}:${line + 1}:${character + 1}`;
  };
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && readers.has(node.expression.getText(source))) {
        const scope = enclosingScope(node);
        // Code only: a doc comment that mentions a contentHash does not make a package.json reader a manifest reader.
        const code = withoutComments(scope.getText(source));
        const mention = formatMention.exec(code);
        const file = path.relative(root, source.fileName).split(path.sep).join('/');
        if (mention) {
          violations.push(
            `${at(source, node)}: ${node.expression.getText(source)}(…) in code that handles ${mention[0]}: read the text with @promptpack/spec's safeParseEvalRecordText / safeParseManifestText instead.`,
          );
        } else if (parsesDirectly(node.expression.getText(source)) && file.startsWith('packages/') && !packageJsonParsers.has(file) && packageJsonMention.test(code)) {
          violations.push(`${at(source, node)}: ${node.expression.getText(source)}(…) of a package.json: read it with @promptpack/core's readPackageIdentity (or @promptpack/spec's parsePackageIdentity for text) instead.`);
        }
      }
      if (ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node)) {
        const names = new Set(node.members.flatMap((member) => (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? [member.name.text] : [])));
        const shape = shapes.find((candidate) => names.has(candidate.all) && candidate.any.some((name) => names.has(name)));
        if (shape) {
          violations.push(`${at(source, node)}: declares the ${shape.format} shape again ({ ${[...names].join(', ')} }): use @promptpack/spec's type, or a Pick of it.`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}

/**
 * `JSON.parse`, spec's `parseJsonText`, and every function (by name, across
 * the files) that passes one of its parameters to one of them: a wrapper is
 * a reader too. Grown until nothing new is found.
 */
function jsonReaders(sources: readonly ts.SourceFile[]): Set<string> {
  const readers = new Set(['JSON.parse', 'parseJsonText']);
  const functions: Array<{ name: string; params: Set<string>; body: ts.Node; source: ts.SourceFile }> = [];
  for (const source of sources) {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) && node.name && node.body) functions.push({ name: node.name.text, params: paramNames(node), body: node.body, source });
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
        functions.push({ name: node.name.text, params: paramNames(node.initializer), body: node.initializer.body, source });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  for (let grown = true; grown; ) {
    grown = false;
    for (const fn of functions) {
      if (readers.has(fn.name) || fn.params.size === 0 || !forwardsParam(fn.body, fn.params, readers, fn.source)) continue;
      readers.add(fn.name);
      grown = true;
    }
  }
  return readers;
}

function paramNames(fn: ts.SignatureDeclaration): Set<string> {
  return new Set(fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
}

function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
}

function forwardsParam(body: ts.Node, parameters: Set<string>, readers: Set<string>, source: ts.SourceFile): boolean {
  const params = new Set(parameters);
  // The argument is the parameter's own text: `text`, `text.trim()`, `text ?? ''`, `readFileSync(file, 'utf8')`.
  const carries = (node: ts.Expression): boolean => {
    if (ts.isIdentifier(node)) return params.has(node.text);
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return carries(node.expression);
    if (ts.isPropertyAccessExpression(node)) return carries(node.expression);
    if (ts.isBinaryExpression(node)) return carries(node.left) || carries(node.right);
    if (ts.isConditionalExpression(node)) return carries(node.whenTrue) || carries(node.whenFalse);
    if (ts.isCallExpression(node)) return carries(node.expression) || (/^(readFileSync|readFile)$/.test(node.expression.getText(source)) && node.arguments.some(carries));
    return false;
  };
  // Locals holding the parameter's text carry it too: `const trimmed = text.trim()`.
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && carries(node.initializer)) params.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  collect(body);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && readers.has(node.expression.getText(source)) && node.arguments.some(carries)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** The innermost function around `node` (as the declaration that names it), or the top-level statement. */
function enclosingScope(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && !ts.isSourceFile(current.parent)) {
    if (ts.isFunctionLike(current)) {
      // A function assigned to a name carries its doc comment on the declaration around it.
      const statement = ts.isVariableDeclaration(current.parent) ? current.parent.parent.parent : current;
      return statement;
    }
    current = current.parent;
  }
  return current;
}
