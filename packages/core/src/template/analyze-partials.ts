import { sharedSectionNamePattern } from '../shared/find-includes.js';
import { report, type AnalysisContext } from './analysis-context.js';
import { parseTemplate } from './parse-template.js';
import type { Scope } from './scope.js';
import { closest } from './suggest.js';
import { baseName, expressionText, locationOf } from './template-text.js';

/** `{{> name}}`: checks the include itself, then the section's text where it is included. */
export function analyzeInclude(context: AnalysisContext, statement: hbs.AST.PartialStatement, scope: Scope): void {
  const written = `{{> ${[expressionText(statement.name), ...statement.params.map(expressionText)].join(' ')}${statement.hash ? ' …' : ''}}}`;
  const { shared } = context.options;
  const { section: insideSection, fileName } = context.origin;
  if (!shared || insideSection !== undefined) {
    report(context, 'template/syntax', statement, insideSection !== undefined
      ? {
          message: `${written} includes a shared section inside the shared section "${insideSection}"; sections cannot include other sections.`,
          hint: `Include both sections from the prompt's policy.md, one after the other, or merge their text.`,
        }
      : {
          message: `${written} includes a shared section, but ${fileName} cannot include shared sections: only policy.md can.`,
          hint: `Include it from policy.md (the system message), or write the text into ${fileName} itself; shared sections hold policy text that legal reviews.`,
        });
    return;
  }
  const found = context.includes.get(statement);
  const name = found?.name;
  if (name === undefined || statement.params.length > 0 || statement.hash) {
    report(context, 'template/syntax', statement, {
      message: `${written} is not a plain include: a shared section is included by its name alone, without arguments.`,
      expected: '{{> name}}, e.g. {{> safety}}',
      hint: 'Sections read the same variables as the policy that includes them; pass nothing to them.',
    });
    return;
  }
  const strip = (statement as { strip?: { open?: boolean; close?: boolean } }).strip ?? {};
  if (strip.open || strip.close) {
    report(context, 'template/syntax', statement, {
      message: `${written} uses "~" to strip whitespace; a shared section is included as whole lines.`,
      expected: `{{> ${name}}} on a line of its own`,
      hint: `Write {{> ${name}}} without "~", alone on its line.`,
    });
    return;
  }
  const section = shared.sections.get(name);
  if (!section) {
    const suggestion = closest(name, shared.available);
    report(context, 'template/unknown-partial', statement, {
      message: `Unknown shared section "${name}" in ${written}: there is no ${sharedDir(context.file)}/${name}.md.`,
      hint: [
        suggestion ? `Did you mean {{> ${suggestion}}}?` : undefined,
        shared.available.length > 0
          ? `Shared sections available: ${shared.available.join(', ')}.`
          : `There are no shared sections yet; create ${sharedDir(context.file)}/${name}.md to add one.`,
        sharedSectionNamePattern.test(name) ? undefined : 'Section names are kebab-case, like their file names (no-advice.md is {{> no-advice}}).',
      ].filter(Boolean).join(' '),
      path: name,
    });
    return;
  }
  if (!found?.standalone) {
    report(context, 'template/syntax', statement, {
      message: `${written} shares its line with other text; a shared section is included as whole lines.`,
      expected: `{{> ${name}}} alone on its line`,
      hint: `Put {{> ${name}}} on a line of its own, with the text before and after it on the lines around it.`,
    });
    return;
  }
  // Handlebars renders a partial with the current context but none of the
  // enclosing contexts or block params, where inlined text would see them; only
  // where the two agree is the effective policy exactly what renders.
  if (scope.contexts.length !== 1 || scope.blockParams.length > 0 || scope.dataFrames.length !== 1) {
    report(context, 'template/syntax', statement, {
      message: `${written} is inside {{#each}} or {{#with}}; shared sections are included at the top level of the policy, or inside {{#if}} and {{#unless}}.`,
      hint: `Move {{> ${name}}} out of the block, or write the repeated text in policy.md itself.`,
    });
    return;
  }
  const parsedSection = parseTemplate(section.file, section.text);
  if (!parsedSection.program) {
    for (const problem of parsedSection.diagnostics) context.diagnostics.push({ ...problem, message: `${problem.message} ${describeInclude(context, name, statement)}` });
    return;
  }
  const saved = context.origin;
  context.origin = { fileName: baseName(section.file), reportedFile: section.file, includedBy: describeInclude(context, name, statement), section: name };
  try {
    context.visit.program(parsedSection.program, scope);
  } finally {
    context.origin = saved;
  }
}

/** `{{#> name}}…{{/name}}`: not supported. */
export function reportPartialBlock(context: AnalysisContext, statement: hbs.AST.PartialBlockStatement): void {
  const name = expressionText(statement.name);
  report(context, 'template/syntax', statement, {
    message: `Partial blocks such as {{#> ${name}}}…{{/${name}}} are not supported yet.`,
    hint: context.options.shared ? `Include a shared section on a line of its own with {{> ${name}}}.` : 'Write the text into the template itself.',
  });
}

function describeInclude(context: AnalysisContext, name: string, statement: hbs.AST.PartialStatement): string {
  const at = locationOf(statement);
  return `(shared section "${name}", as included by prompt "${context.options.shared?.promptId}" at ${context.file}:${at.line}:${at.column})`;
}

// prompts/support-reply/policy.md -> prompts/_shared, for messages.
function sharedDir(policyFile: string): string {
  const parts = policyFile.split(/[\\/]/);
  return [...parts.slice(0, -2), '_shared'].join('/');
}
