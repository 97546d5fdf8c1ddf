import { PromptpackError, type Diagnostic } from '@promptpack/spec';

/**
 * The build error for a construct the JavaScript generator does not
 * express. The validator rejects each of these first, so reaching one means
 * the validator and the generator disagree: the build stops rather than ship
 * a template whose output could differ from what was reviewed.
 */
export function unsupportedConstruct(
  file: string,
  node: hbs.AST.Node,
  details: { code?: Diagnostic['code']; message: string; hint: string },
): PromptpackError {
  // Handlebars lines are 1-based and columns 0-based; diagnostics use 1-based for both.
  const line = node.loc?.start.line ?? 0;
  const column = node.loc ? node.loc.start.column + 1 : 0;
  return new PromptpackError('build/failed', `Cannot compile ${file} to JavaScript: ${details.message} (${file}:${line}:${column})`, {
    diagnostics: [
      { code: details.code ?? 'template/syntax', severity: 'error', file, line, column, message: details.message, hint: details.hint },
    ],
  });
}
