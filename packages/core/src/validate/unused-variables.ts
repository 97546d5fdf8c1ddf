import type { Diagnostic, ObjectNode, SchemaNode } from '@promptpack/spec';
import type { YamlFile } from '../yaml/yaml-file.js';

/**
 * Warns about declared variables neither the policy nor the template reads:
 * callers must still pass required ones, so they are usually a leftover or a
 * typo on one side. Paths use `[]` for array items (`orders[].id`), as the
 * template analysis reports them.
 */
export function unusedVariables(variables: ObjectNode, usedPaths: ReadonlySet<string>, yaml: YamlFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (node: SchemaNode, variablePath: string, yamlPath: PropertyKey[]) => {
    if (variablePath && !usedPaths.has(variablePath)) {
      diagnostics.push({
        code: 'template/unused-variable',
        severity: 'warning',
        file: yaml.file,
        ...yaml.locate(yamlPath, { key: true }),
        path: variablePath,
        message: `Variable "${variablePath}" is declared but neither policy.md nor template.hbs uses it.`,
        hint: `Use it as {{${variablePath.replace(/\[\]/g, '')}}} (inside an #each for list items), or remove its declaration.`,
      });
      return; // one warning per unused subtree is enough
    }
    if (node.type === 'object') {
      for (const [key, child] of Object.entries(node.properties)) {
        visit(child, variablePath ? `${variablePath}.${key}` : key, [...yamlPath, 'properties', key]);
      }
    } else if (node.type === 'array') {
      visit(node.items, `${variablePath}[]`, [...yamlPath, 'items']);
    }
  };
  visit(variables, '', ['variables']);
  return diagnostics;
}
