import { type Diagnostic, type ObjectNode, type SchemaNode, type ToolSpec, toolsSpecSchema } from '@promptpack/spec';
import { parseYamlFile, type YamlFile } from '../yaml/yaml-file.js';
import { zodIssuesToDiagnostics } from '../yaml/zod-diagnostics.js';
import { checkSchemaNode } from './prompt-yaml.js';

const docs = 'docs/prompt-format.md#toolsyaml';

/**
 * Parses tools.yaml and checks what its schema alone cannot: unique names
 * (a model's call names one tool), parameters that are valid schemas (the
 * same rules as variables), and strict tools whose every property is
 * required (strict function calling has no optional properties, and the
 * provider answers a request breaking that with an error).
 */
export function checkTools(file: string, source: string): { tools: ToolSpec[] | undefined; diagnostics: Diagnostic[] } {
  const yaml = parseYamlFile(file, source);
  if (yaml.diagnostics.length > 0) return { tools: undefined, diagnostics: yaml.diagnostics };
  const parsed = toolsSpecSchema.safeParse(yaml.value ?? {});
  if (!parsed.success) return { tools: undefined, diagnostics: zodIssuesToDiagnostics(parsed.error.issues, yaml, docs) };
  const tools = parsed.data.tools;
  const diagnostics = [...duplicateNames(tools, yaml)];
  tools.forEach((tool, index) => {
    diagnostics.push(...checkSchemaNode(tool.parameters, ['tools', index, 'parameters'], yaml));
    if (tool.strict) diagnostics.push(...optionalUnderStrict(tool.parameters, ['tools', index, 'parameters'], tool.name, yaml));
  });
  return { tools: diagnostics.length > 0 ? undefined : tools, diagnostics };
}

function duplicateNames(tools: readonly ToolSpec[], yaml: YamlFile): Diagnostic[] {
  const firstSeen = new Map<string, number>();
  return tools.flatMap((tool, index): Diagnostic[] => {
    const first = firstSeen.get(tool.name);
    if (first === undefined) {
      firstSeen.set(tool.name, index);
      return [];
    }
    return [
      {
        code: 'tools/duplicate-name',
        severity: 'error',
        file: yaml.file,
        ...yaml.locate(['tools', index, 'name']),
        path: `tools[${index}].name`,
        message: `Tool name "${tool.name}" is already used by tool ${first + 1} (line ${yaml.locate(['tools', first, 'name']).line}).`,
        hint: 'A tool call names exactly one tool; give this tool a unique name or merge the two.',
      },
    ];
  });
}

function optionalUnderStrict(node: SchemaNode, path: PropertyKey[], tool: string, yaml: YamlFile): Diagnostic[] {
  if (node.type === 'array') return optionalUnderStrict(node.items, [...path, 'items'], tool, yaml);
  if (node.type !== 'object') return [];
  const object: ObjectNode = node;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).flatMap(([key, child]) => {
    const own = required.has(key)
      ? []
      : [
          {
            code: 'tools/strict-optional' as const,
            severity: 'error' as const,
            file: yaml.file,
            ...yaml.locate([...path, 'properties', key], { key: true }),
            path: [...path, 'properties', key].join('.'),
            message: `Tool "${tool}" is strict, but its parameter "${[...path.slice(3).filter((part) => part !== 'properties' && part !== 'items'), key].join('.')}" is optional: strict function calling requires every property to be required, and the provider rejects the request.`,
            hint: `List "${key}" under required, or remove \`strict: true\` from the tool.`,
          },
        ];
    return [...own, ...optionalUnderStrict(child, [...path, 'properties', key], tool, yaml)];
  });
}
