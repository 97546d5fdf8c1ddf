import { type Assertion, type Diagnostic, type EvalManifest, evalManifestSchema, hasErrors, type HistorySpec, type ObjectNode, type ToolSpec } from '@promptpack/spec';
import { invalidCaseHistory } from './eval-history.js';
import { checkEvalTools } from './eval-tools.js';
import { schemaToZod } from '../variables/schema-to-zod.js';
import { parseYamlFile, type YamlFile } from '../yaml/yaml-file.js';
import { zodIssuesToDiagnostics } from '../yaml/zod-diagnostics.js';
import { blockingCaseMinimum } from './blocking-case-minimum.js';

const docs = 'docs/prompt-format.md#evalsyaml';

/** What evals.yaml's tool assertions are checked against: tools.yaml's tools, or its absence. */
export type DeclaredTools = { file: 'absent' } | { file: 'valid'; tools: readonly ToolSpec[] };

/**
 * Parses evals.yaml and checks what its schema alone cannot: unique case ids,
 * case variables that render() would accept, regexes that compile, tool
 * assertions that name declared tools and parameters, case history the
 * prompt would accept, and (a warning) a blocking tier of at least the
 * minimum size.
 * `variables` is undefined when prompt.yaml itself is broken, `tools` when
 * tools.yaml is; that check is then skipped rather than reported against a
 * schema we do not have; so is the history check when `history` is
 * undefined (null: the prompt takes none).
 */
export function checkEvals(
  file: string,
  source: string,
  variables: ObjectNode | undefined,
  tools?: DeclaredTools,
  history?: HistorySpec | null,
): { evals: EvalManifest | undefined; diagnostics: Diagnostic[] } {
  const yaml = parseYamlFile(file, source);
  if (yaml.diagnostics.length > 0) return { evals: undefined, diagnostics: yaml.diagnostics };
  const parsed = evalManifestSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) return { evals: undefined, diagnostics: zodIssuesToDiagnostics(parsed.error.issues, yaml, docs) };
  const manifest = parsed.data;
  const diagnostics = [...duplicateIds(manifest, yaml), ...invalidRegexes(manifest, yaml)];
  if (variables) diagnostics.push(...invalidCaseVariables(manifest, variables, yaml));
  if (tools) diagnostics.push(...checkEvalTools(manifest, tools.file === 'valid' ? tools.tools : undefined, yaml));
  if (history !== undefined) diagnostics.push(...invalidCaseHistory(manifest, history, yaml));
  diagnostics.push(...blockingCaseMinimum(manifest, yaml));
  return { evals: hasErrors(diagnostics) ? undefined : manifest, diagnostics };
}

function duplicateIds(manifest: EvalManifest, yaml: YamlFile): Diagnostic[] {
  const firstSeen = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  manifest.cases.forEach((evalCase, index) => {
    const first = firstSeen.get(evalCase.id);
    if (first === undefined) {
      firstSeen.set(evalCase.id, index);
      return;
    }
    const firstAt = yaml.locate(['cases', first, 'id']);
    diagnostics.push({
      code: 'evals/duplicate-id',
      severity: 'error',
      file: yaml.file,
      ...yaml.locate(['cases', index, 'id']),
      path: `cases[${index}].id`,
      message: `Case id "${evalCase.id}" is already used by case ${first + 1} (line ${firstAt.line}).`,
      hint: 'Case ids key eval results and baselines across versions; give this case a new, unique id.',
    });
  });
  return diagnostics;
}

function invalidRegexes(manifest: EvalManifest, yaml: YamlFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  manifest.cases.forEach((evalCase, caseIndex) => {
    for (const list of ['assert', 'soft'] as const) {
      (evalCase[list] ?? []).forEach((assertion: Assertion, index) => {
        if (assertion.type !== 'regex' && assertion.type !== 'not-regex') return;
        try {
          new RegExp(assertion.value, assertion.flags);
        } catch (error) {
          diagnostics.push({
            code: 'evals/invalid-regex',
            severity: 'error',
            file: yaml.file,
            ...yaml.locate(['cases', caseIndex, list, index, 'value']),
            path: `cases[${caseIndex}].${list}[${index}].value`,
            message: `Regular expression does not compile: ${(error as Error).message}.`,
            hint: 'Use JavaScript regex syntax; single-quote it in YAML so backslashes are kept.',
          });
        }
      });
    }
  });
  return diagnostics;
}

function invalidCaseVariables(manifest: EvalManifest, variables: ObjectNode, yaml: YamlFile): Diagnostic[] {
  const validator = schemaToZod(variables);
  return manifest.cases.flatMap((evalCase, index) => {
    const result = validator.safeParse(evalCase.variables);
    if (result.success) return [];
    return zodIssuesToDiagnostics(
      result.error.issues.map((issue) => ({ ...issue, path: ['cases', index, 'variables', ...issue.path] })),
      yaml,
      'prompt.yaml variables',
    ).map((diagnostic) => ({
      ...diagnostic,
      code: 'evals/invalid-variables' as const,
      message: `Case "${evalCase.id}": ${diagnostic.message}`,
      hint: `Case variables must be what render() accepts, as declared under variables in prompt.yaml. ${diagnostic.hint ?? ''}`.trim(),
    }));
  });
}
