import { type Diagnostic, type PromptSpec, promptSpecSchema, type SchemaNode } from '@promptpack/spec';
import { parseYamlFile, type YamlFile } from '../yaml/yaml-file.js';
import { zodIssuesToDiagnostics } from '../yaml/zod-diagnostics.js';

const docs = 'docs/prompt-format.md#promptyaml';

export interface PromptYamlCheck {
  spec: PromptSpec | undefined;
  yaml: YamlFile;
  diagnostics: Diagnostic[];
}

/** Parses prompt.yaml and checks it against the spec, the folder name and its own internal consistency. */
export function checkPromptYaml(file: string, source: string, folder: string): PromptYamlCheck {
  const yaml = parseYamlFile(file, source);
  if (yaml.diagnostics.length > 0) return { spec: undefined, yaml, diagnostics: yaml.diagnostics };
  const parsed = promptSpecSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) {
    return { spec: undefined, yaml, diagnostics: zodIssuesToDiagnostics(parsed.error.issues, yaml, docs) };
  }
  const spec = parsed.data;
  const diagnostics: Diagnostic[] = [];
  if (spec.id !== folder) {
    diagnostics.push({
      code: 'prompt/id-mismatch',
      severity: 'error',
      file,
      ...yaml.locate(['id']),
      path: 'id',
      message: `Prompt id "${spec.id}" does not match its folder "${folder}".`,
      expected: `id: ${folder}`,
      hint: 'The folder name is the prompt id services and flags refer to; make them the same.',
    });
  }
  diagnostics.push(...checkSchemaNode(spec.variables, ['variables'], yaml));
  if (spec.output) diagnostics.push(...checkSchemaNode(spec.output, ['output'], yaml));
  return { spec: diagnostics.length > 0 ? undefined : spec, yaml, diagnostics };
}

// What zod cannot say alone: `required` must name declared properties, bounds
// must be ordered, patterns must compile.
function checkSchemaNode(node: SchemaNode, path: PropertyKey[], yaml: YamlFile): Diagnostic[] {
  const here = (suffix: PropertyKey[]) => ({ file: yaml.file, ...yaml.locate([...path, ...suffix]), path: [...path, ...suffix].join('.') });
  const diagnostics: Diagnostic[] = [];
  switch (node.type) {
    case 'object':
      (node.required ?? []).forEach((name, index) => {
        if (!(name in node.properties)) {
          diagnostics.push({
            code: 'schema/required-not-declared',
            severity: 'error',
            ...here(['required', index]),
            message: `"${name}" is listed as required but is not declared in properties.`,
            hint: `Declare "${name}" under properties, or remove it from required.`,
          });
        }
      });
      for (const [key, child] of Object.entries(node.properties)) {
        diagnostics.push(...checkSchemaNode(child, [...path, 'properties', key], yaml));
      }
      break;
    case 'array':
      diagnostics.push(...checkSchemaNode(node.items, [...path, 'items'], yaml));
      diagnostics.push(...checkBounds(node.minItems, node.maxItems, 'minItems', 'maxItems', here));
      break;
    case 'string':
      diagnostics.push(...checkBounds(node.minLength, node.maxLength, 'minLength', 'maxLength', here));
      if (node.pattern !== undefined) {
        try {
          new RegExp(node.pattern);
        } catch (error) {
          diagnostics.push({
            code: 'schema/invalid-value',
            severity: 'error',
            ...here(['pattern']),
            message: `pattern is not a valid regular expression: ${(error as Error).message}.`,
            hint: 'Use JavaScript regular-expression syntax; in YAML, single-quote the pattern so backslashes stay.',
          });
        }
      }
      break;
    case 'number':
    case 'integer':
      diagnostics.push(...checkBounds(node.minimum, node.maximum, 'minimum', 'maximum', here));
      break;
  }
  return diagnostics;
}

function checkBounds(
  min: number | undefined,
  max: number | undefined,
  minKey: string,
  maxKey: string,
  here: (suffix: PropertyKey[]) => { file: string; line: number; column: number; path: string },
): Diagnostic[] {
  if (min === undefined || max === undefined || min <= max) return [];
  return [
    {
      code: 'schema/invalid-value',
      severity: 'error',
      ...here([maxKey]),
      message: `${maxKey} (${max}) is smaller than ${minKey} (${min}); no value could ever be valid.`,
      hint: `Swap them or raise ${maxKey}.`,
    },
  ];
}
