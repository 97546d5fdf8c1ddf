import type { TemplateJs } from './compile-template.js';

/** The render function of compiled template code, for tests and benchmarks; a build embeds `code` in the module instead. */
export function templateFunction(compiled: TemplateJs): (data: unknown) => string {
  // The code is an expression over standard globals only, so evaluating it needs no scope.
  return new Function(`return ${compiled.code};`)() as (data: unknown) => string;
}
