import type { Assertion, Diagnostic, EvalManifest, ToolSpec } from '@promptpack/spec';
import type { YamlFile } from '../yaml/yaml-file.js';

const toolAssertionTypes = new Set<Assertion['type']>(['tool-called', 'not-tool-called', 'is-valid-openai-tools-call', 'not-is-valid-openai-tools-call']);

/**
 * Tool assertions against the tools the prompt declares: a misspelt tool
 * name would make `tool-called` fail and `not-tool-called` pass forever,
 * whatever the model does. `tools` is undefined when the folder has no
 * tools.yaml; the caller skips this check when tools.yaml itself is broken.
 */
export function checkEvalTools(manifest: EvalManifest, tools: readonly ToolSpec[] | undefined, yaml: YamlFile): Diagnostic[] {
  const declared = new Map((tools ?? []).map((tool) => [tool.name, tool]));
  const names = [...declared.keys()].map((name) => `"${name}"`).join(', ');
  const diagnostics: Diagnostic[] = [];
  manifest.cases.forEach((evalCase, caseIndex) => {
    for (const list of ['assert', 'soft'] as const) {
      (evalCase[list] ?? []).forEach((assertion, index) => {
        if (!toolAssertionTypes.has(assertion.type)) return;
        const at = (key: string | undefined, keyItself = false) => {
          const path = ['cases', caseIndex, list, index, ...(key ? [key] : [])];
          return { file: yaml.file, ...yaml.locate(path, { key: keyItself }), path: `cases[${caseIndex}].${list}[${index}]${key ? `.${key}` : ''}` };
        };
        const where = `Case "${evalCase.id}", ${list}[${index}] (${assertion.type})`;
        if (!tools) {
          diagnostics.push({
            code: 'evals/no-tools',
            severity: 'error',
            ...at('type'),
            message: `${where} checks tool calls, but the prompt declares no tools: there is no tools.yaml beside evals.yaml.`,
            hint: 'Declare the tools the model may call in tools.yaml (see docs/prompt-format.md#toolsyaml), or remove the assertion.',
          });
          return;
        }
        if (!('name' in assertion) || assertion.name === undefined) return;
        const tool = declared.get(assertion.name);
        if (!tool) {
          diagnostics.push({
            code: 'evals/unknown-tool',
            severity: 'error',
            ...at('name'),
            message: `${where} names tool "${assertion.name}", which tools.yaml does not declare.`,
            expected: `one of ${names}`,
            hint: `Use a tool name from tools.yaml (${names}); a name no tool has would make the check meaningless.`,
          });
          return;
        }
        if (assertion.type !== 'tool-called' || !assertion.arguments) return;
        const parameters = Object.keys(tool.parameters.properties);
        for (const key of Object.keys(assertion.arguments)) {
          if (Object.hasOwn(tool.parameters.properties, key)) continue;
          diagnostics.push({
            code: 'evals/unknown-tool-argument',
            severity: 'error',
            file: yaml.file,
            ...yaml.locate(['cases', caseIndex, list, index, 'arguments', key], { key: true }),
            path: `cases[${caseIndex}].${list}[${index}].arguments.${key}`,
            message: `${where} expects argument "${key}", which tool "${tool.name}" has no parameter for.`,
            expected: parameters.length > 0 ? `one of ${parameters.map((name) => `"${name}"`).join(', ')}` : 'no arguments: the tool takes none',
            hint: `Name a parameter declared under tools.yaml's ${tool.name}.parameters.properties.`,
          });
        }
      });
    }
  });
  return diagnostics;
}
