import { PromptpackError } from '@promptpack/spec';
import Handlebars from 'handlebars';

// The options the generated code reproduces: strict makes a lookup of an
// undeclared path throw instead of printing nothing, noEscape keeps text as
// text (prompts are not HTML). knownHelpersOnly compiles `{{name}}` to a
// plain property lookup instead of a helper-or-value check on every render;
// the validator already rejects any helper outside Handlebars' built-ins and
// variables named like them, so the output is the same.
const compileOptions = { strict: true, noEscape: true, knownHelpersOnly: true } as const;

/**
 * Template source -> the JS expression `handlebars.template()` takes: what
 * packages shipped before templates were compiled to plain JavaScript. No
 * build output uses it now; it is the reference the differential tests
 * (test/template-js/) and scripts/bench/template-bench.ts hold the generated
 * code to. An isolated environment keeps helpers registered globally in this
 * process out of it. `file` names the template in the error when it does not
 * parse.
 */
export function precompileTemplate(file: string, source: string): string {
  // A file's final newline ends the file, it is not message text.
  const text = source.replace(/\r?\n$/, '');
  try {
    return String(Handlebars.create().precompile(text, compileOptions));
  } catch (error) {
    const message = (error as Error).message;
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 0);
    throw new PromptpackError('build/failed', `Cannot precompile ${file}.`, {
      diagnostics: [
        {
          code: 'template/syntax',
          severity: 'error',
          file,
          line,
          column: 0,
          message: `Handlebars cannot parse the template: ${message.split('\n').at(-1)}`,
          hint: 'Check that every {{#block}} has its {{/block}} and every {{ has its }}.',
        },
      ],
    });
  }
}
